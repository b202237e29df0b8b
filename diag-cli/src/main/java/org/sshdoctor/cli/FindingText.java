package org.sshdoctor.cli;

import java.util.Collection;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.render.TerminalText;

/**
 * Prints findings of the local commands (chroot, local --server) for people: {@code severity [ID]
 * title}, the detail, the line sshd logs, what the client sees, the fix and the article to read.
 * Everything from files is sanitised.
 */
final class FindingText {
    private final boolean colour;
    private final boolean verbose;

    FindingText(boolean colour, boolean verbose) {
        this.colour = colour;
        this.verbose = verbose;
    }

    /** One finding; ok findings only when verbose (returns "" otherwise). */
    String finding(Finding finding) {
        if (finding.severity() == Severity.OK && !verbose) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(severity(finding.severity())).append(' ').append(paint("2", "[" + finding.id() + "]")).append(' ')
                .append(paint("1", TerminalText.line(finding.title()))).append('\n');
        if (!finding.detail().isEmpty()) {
            indent(out, "", TerminalText.block(finding.detail()));
        }
        String log = finding.evidence().get("sshdLog");
        if (log != null) {
            indent(out, "sshd logs:   ", TerminalText.line(log));
        }
        finding.clientMessage().ifPresent(m -> indent(out, "client sees: ", TerminalText.block(m)));
        if (verbose) {
            StringBuilder evidence = new StringBuilder();
            finding.evidence().forEach((k, v) -> {
                if (!k.equals("sshdLog")) {
                    evidence.append(evidence.length() == 0 ? "" : "\n").append(k).append(" = ")
                            .append(TerminalText.line(v));
                }
            });
            if (evidence.length() > 0) {
                indent(out, "evidence:    ", evidence.toString());
            }
        }
        if (!finding.fix().isEmpty()) {
            indent(out, "fix:         ", TerminalText.block(finding.fix()));
        }
        if (finding.severity() != Severity.OK) {
            indent(out, "see:         ", "sshdoctor kb " + finding.id());
        }
        return out.toString();
    }

    /** The closing line: counts of errors and warnings, or that nothing needs fixing. */
    String tally(Collection<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return paint("32", "No problems found.");
        }
        String text = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s");
        return paint(errors > 0 ? "31" : "33", text);
    }

    private String severity(Severity severity) {
        String label = severity.label();
        return switch (severity) {
            case OK -> paint("32", label);
            case INFO -> paint("34", label);
            case WARNING -> paint("33", label);
            case ERROR -> paint("31", label);
        };
    }

    String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private static void indent(StringBuilder out, String label, String text) {
        String continuation = "    " + " ".repeat(label.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "    " + label : continuation).append(lines[i]).append('\n');
        }
    }
}
