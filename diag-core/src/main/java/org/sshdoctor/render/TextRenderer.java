package org.sshdoctor.render;

import java.util.Collection;
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
    /** The evidence key of the line sshd logs, shown on its own line from {@link Viewpoint#BOTH_ENDS}. */
    private static final String SERVER_LOG = "sshdLog";

    private final Style style;
    private final boolean verbose;
    private final Viewpoint viewpoint;

    /**
     * Whose messages a finding quotes, which decides the labels of its lines. Findings of every
     * command go through {@link #finding(Finding)}; the viewpoint only names the lines.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Viewpoint {
        /** A diagnosis run from the client: "ssh says:", inferred findings marked as such. */
        CLIENT("ssh says: ", "", true),
        /**
         * A check of local files for both ends (local, chroot): "sshd logs:" (the finding's
         * {@code sshdLog} evidence) and "client sees:".
         */
        BOTH_ENDS("client sees: ", "sshd logs:   ", false);

        private final String messageLabel;
        private final String serverLogLabel;
        private final boolean marksInferred;

        Viewpoint(String messageLabel, String serverLogLabel, boolean marksInferred) {
            this.messageLabel = messageLabel;
            this.serverLogLabel = serverLogLabel;
            this.marksInferred = marksInferred;
        }

        /** A label padded to the width of the widest one, so the texts after the labels line up. */
        private String label(String word) {
            return pad(word, messageLabel.length());
        }
    }

    /**
     * A renderer for a diagnosis ({@link Viewpoint#CLIENT}).
     *
     * @param colour use ANSI colours
     * @param verbose also show passed checks (findings at ok level) and each finding's evidence
     */
    public TextRenderer(boolean colour, boolean verbose) {
        this(colour, verbose, Viewpoint.CLIENT);
    }

    /**
     * @param colour use ANSI colours
     * @param verbose also show passed checks (findings at ok level) and each finding's evidence
     * @param viewpoint whose messages the findings quote
     */
    public TextRenderer(boolean colour, boolean verbose, Viewpoint viewpoint) {
        this.style = colour ? Style.ANSI : Style.PLAIN;
        this.verbose = verbose;
        this.viewpoint = viewpoint;
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
            String text = finding(finding);
            if (!text.isEmpty()) {
                out.append('\n').append(text);
            }
        }
        out.append('\n').append(tally(report.findings())).append('\n');
        return out.toString();
    }

    /**
     * One finding for people, as every command prints it: {@code severity [ID] title}, the detail,
     * the messages quoted (see {@link Viewpoint}), the evidence when verbose, the fix and the
     * article to read; each line after the first indented by four spaces and ending in a newline.
     * Everything is sanitised. Returns "" for an ok finding unless verbose.
     */
    public String finding(Finding finding) {
        if (finding.severity() == Severity.OK && !verbose) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(severityLabel(finding.severity())).append(' ')
                .append(style.dim("[" + finding.id() + "]")).append(' ')
                .append(style.bold(TerminalText.line(finding.title()))).append('\n');
        if (!finding.detail().isEmpty()) {
            appendIndented(out, "", TerminalText.block(finding.detail()));
        }
        boolean showsServerLog = !viewpoint.serverLogLabel.isEmpty();
        String serverLog = finding.evidence().get(SERVER_LOG);
        if (showsServerLog && serverLog != null) {
            appendIndented(out, viewpoint.serverLogLabel, TerminalText.line(serverLog));
        }
        finding.clientMessage().ifPresent(message ->
                appendIndented(out, viewpoint.messageLabel, TerminalText.block(message)));
        if (viewpoint.marksInferred && !finding.observed()) {
            appendIndented(out, "", "(inferred, not observed on the wire)");
        }
        if (verbose) {
            StringBuilder evidence = new StringBuilder();
            finding.evidence().forEach((k, v) -> {
                if (!(showsServerLog && k.equals(SERVER_LOG))) {
                    evidence.append(evidence.length() == 0 ? "" : "\n").append(k).append(" = ").append(TerminalText.line(v));
                }
            });
            if (evidence.length() > 0) {
                appendIndented(out, viewpoint.label("evidence:"), evidence.toString());
            }
        }
        if (!finding.fix().isEmpty()) {
            appendIndented(out, viewpoint.label("fix:"), TerminalText.block(finding.fix()));
        }
        if (finding.severity() != Severity.OK) {
            appendIndented(out, viewpoint.label("see:"), "sshdoctor kb " + finding.id());
        }
        return out.toString();
    }

    /** The closing line: counts of errors and warnings, or that nothing needs fixing (no newline). */
    public String tally(Collection<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return style.green("No problems found.");
        }
        String text = plural(errors, "error") + ", " + plural(warnings, "warning");
        return errors > 0 ? style.red(text) : style.yellow(text);
    }

    /** Bold, when colour is on: for headings commands print around their findings. */
    public String bold(String text) {
        return style.bold(text);
    }

    /** Dim, when colour is on: for origins and other secondary text. */
    public String dim(String text) {
        return style.dim(text);
    }

    /** Green, when colour is on: for an explicit "ok". */
    public String green(String text) {
        return style.green(text);
    }

    private static void appendIndented(StringBuilder out, String label, String text) {
        String indent = "    ";
        String continuation = indent + " ".repeat(label.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? indent + label : continuation).append(lines[i]).append('\n');
        }
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
