package org.sshdoctor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.render.TerminalText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes checks as a JUnit XML test suite, the format CI systems (GitLab, Jenkins, GitHub test
 * reporters) show as test results: one test case per check, failed when a finding is at warning or
 * error level. Written to a temporary file beside the target and moved into place, so a reader never
 * sees half a file.
 */
final class JUnitReport {
    /** One test case: its name and the findings that decide it. */
    record Case(String name, List<Finding> findings) {
        Case {
            findings = List.copyOf(findings);
        }
    }

    private final String suite;
    private final List<Case> cases = new ArrayList<>();

    JUnitReport(String suite) {
        this.suite = suite;
    }

    void add(String name, List<Finding> findings) {
        cases.add(new Case(name, findings));
    }

    void write(Path file) throws IOException {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = doc.createElement("testsuite");
        doc.appendChild(root);
        root.setAttribute("name", suite);
        root.setAttribute("tests", Integer.toString(cases.size()));
        long failed = cases.stream().filter(c -> c.findings().stream().anyMatch(f -> f.severity().needsAction())).count();
        root.setAttribute("failures", Long.toString(failed));
        root.setAttribute("errors", "0");
        root.setAttribute("skipped", "0");
        root.setAttribute("timestamp", Instant.now().toString());
        for (Case c : cases) {
            Element testcase = doc.createElement("testcase");
            testcase.setAttribute("classname", suite);
            testcase.setAttribute("name", clean(c.name()));
            testcase.setAttribute("time", "0");
            List<Finding> problems = c.findings().stream().filter(f -> f.severity().needsAction()).toList();
            if (!problems.isEmpty()) {
                Element failure = doc.createElement("failure");
                failure.setAttribute("type", problems.get(0).id());
                failure.setAttribute("message", clean(problems.get(0).title()));
                failure.setTextContent(problems.stream().map(JUnitReport::describe).collect(Collectors.joining("\n\n")));
                testcase.appendChild(failure);
            }
            String passed = c.findings().stream().filter(f -> !f.severity().needsAction())
                    .map(f -> f.severity().label() + " [" + f.id() + "] " + clean(f.title()))
                    .collect(Collectors.joining("\n"));
            if (!passed.isEmpty()) {
                Element out = doc.createElement("system-out");
                out.setTextContent(passed);
                testcase.appendChild(out);
            }
            root.appendChild(testcase);
        }
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                var transformer = TransformerFactory.newInstance().newTransformer();
                transformer.setOutputProperty(OutputKeys.INDENT, "yes");
                transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
                transformer.transform(new DOMSource(doc), new StreamResult(out));
            } catch (TransformerException e) {
                throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String describe(Finding f) {
        StringBuilder text = new StringBuilder(f.severity().label() + " [" + f.id() + "] " + clean(f.title()));
        if (!f.detail().isEmpty()) {
            text.append('\n').append(cleanBlock(f.detail()));
        }
        String log = f.evidence().get("sshdLog");
        if (log != null) {
            text.append("\nsshd logs: ").append(clean(log));
        }
        if (!f.fix().isEmpty()) {
            text.append("\nfix: ").append(cleanBlock(f.fix()));
        }
        return text.append("\nsee: sshdoctor kb ").append(f.id()).toString();
    }

    /** XML 1.0 cannot carry most control characters: they become visible escapes. */
    private static String clean(String s) {
        return TerminalText.line(s);
    }

    private static String cleanBlock(String s) {
        return TerminalText.block(s).replace("\t", " ");
    }
}
