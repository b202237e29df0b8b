package org.sshdoctor.render;

import java.util.Locale;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Renders a report for people: a header, one line per probe (status, duration, summary), then each
 * finding with its evidence, the message ssh prints, the fix and the article to read. Colour only when
 * asked (the CLI decides: a TTY, no NO_COLOR, no --no-color). Everything printed is sanitised.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TextRenderer {
    private final Style style;
    private final boolean verbose;

    /**
     * @param colour use ANSI colours
     * @param verbose also show passed checks (findings at ok level) and each finding's evidence
     */
    public TextRenderer(boolean colour, boolean verbose) {
        this.style = colour ? Style.ANSI : Style.PLAIN;
        this.verbose = verbose;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        Target target = report.target();
        out.append(style.bold("sshdoctor")).append("  ")
                .append(TerminalText.line(target.user() + "@" + target.name()))
                .append(" port ").append(target.port());
        if (!target.hostName().equals(target.name())) {
            out.append(" (HostName ").append(TerminalText.line(target.hostName())).append(')');
        }
        out.append("\n\n");
        int nameWidth = report.probes().stream().mapToInt(p -> p.name().length()).max().orElse(4);
        for (ProbeRun run : report.probes()) {
            out.append("  ").append(pad(run.name(), nameWidth)).append("  ")
                    .append(statusLabel(run)).append("  ")
                    .append(String.format(Locale.ROOT, "%7s", run.status() == ProbeStatus.SKIPPED ? "" : millis(run.millis())))
                    .append("  ").append(TerminalText.line(run.summary())).append('\n');
        }
        for (Finding finding : report.findings()) {
            if (finding.severity() == Severity.OK && !verbose) {
                continue;
            }
            out.append('\n');
            appendFinding(out, finding);
        }
        out.append('\n').append(tally(report)).append('\n');
        return out.toString();
    }

    private void appendFinding(StringBuilder out, Finding finding) {
        out.append(severityLabel(finding.severity())).append(' ')
                .append(style.dim("[" + finding.id() + "]")).append(' ')
                .append(style.bold(TerminalText.line(finding.title()))).append('\n');
        if (!finding.detail().isEmpty()) {
            appendIndented(out, "", TerminalText.block(finding.detail()));
        }
        finding.clientMessage().ifPresent(message ->
                appendIndented(out, "ssh says: ", TerminalText.block(message)));
        if (!finding.observed()) {
            appendIndented(out, "", "(inferred, not observed on the wire)");
        }
        if (verbose && !finding.evidence().isEmpty()) {
            StringBuilder evidence = new StringBuilder();
            finding.evidence().forEach((k, v) -> evidence.append(evidence.length() == 0 ? "" : "\n")
                    .append(k).append(" = ").append(TerminalText.line(v)));
            appendIndented(out, "evidence: ", evidence.toString());
        }
        if (!finding.fix().isEmpty()) {
            appendIndented(out, "fix:      ", TerminalText.block(finding.fix()));
        }
        if (finding.severity() != Severity.OK) {
            appendIndented(out, "see:      ", "sshdoctor kb " + finding.id());
        }
    }

    private static void appendIndented(StringBuilder out, String label, String text) {
        String indent = "    ";
        String continuation = indent + " ".repeat(label.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? indent + label : continuation).append(lines[i]).append('\n');
        }
    }

    private String tally(Report report) {
        long errors = report.countAt(Severity.ERROR);
        long warnings = report.countAt(Severity.WARNING);
        if (errors == 0 && warnings == 0) {
            return style.green("No problems found.");
        }
        String text = plural(errors, "error") + ", " + plural(warnings, "warning");
        return errors > 0 ? style.red(text) : style.yellow(text);
    }

    private String statusLabel(ProbeRun run) {
        String label = pad(run.status().label(), 7);
        return switch (run.status()) {
            case OK -> style.green(label);
            case FAILED -> style.red(label);
            case TIMEOUT -> style.yellow(label);
            case SKIPPED -> style.dim(label);
        };
    }

    private String severityLabel(Severity severity) {
        String label = severity.label();
        return switch (severity) {
            case OK -> style.green(label);
            case INFO -> style.blue(label);
            case WARNING -> style.yellow(label);
            case ERROR -> style.red(label);
        };
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String millis(long millis) {
        return millis < 10_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
