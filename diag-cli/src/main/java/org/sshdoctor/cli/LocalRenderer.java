package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.LocalAccount;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.local.ClientReport;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;

/**
 * Prints {@code sshdoctor local}: the effective configuration with origins, the identities in order,
 * then the findings in the same layout as a diagnosis. Everything from files is sanitised.
 */
final class LocalRenderer {
    private final boolean colour;
    private final boolean verbose;

    LocalRenderer(boolean colour, boolean verbose) {
        this.colour = colour;
        this.verbose = verbose;
    }

    String text(LocalAccount account, ClientReport report, List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        out.append(bold("sshdoctor local")).append("  ").append(TerminalText.line(account.name()))
                .append(" (home ").append(TerminalText.line(account.home().toString())).append(")\n");
        report.config().ifPresent(config -> appendConfig(out, config));
        for (Finding finding : findings) {
            if (finding.severity() == Severity.OK && !verbose) {
                continue;
            }
            out.append('\n');
            appendFinding(out, finding);
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.append('\n').append(errors + warnings == 0 ? "No problems found."
                : errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")).append('\n');
        return out.toString();
    }

    private void appendConfig(StringBuilder out, ResolvedConfig config) {
        out.append("\nEffective configuration for ").append(TerminalText.line(config.originalHost()))
                .append(" (like ssh -G; only values set or used by sshdoctor; -v for the files read):\n");
        List<ConfigEntry> entries = config.effective();
        int width = entries.stream().mapToInt(e -> e.keyword().length()).max().orElse(8);
        int valueWidth = Math.min(48, entries.stream().mapToInt(e -> e.value().length()).max().orElse(8));
        for (ConfigEntry e : entries) {
            out.append("  ").append(pad(e.keyword(), width)).append("  ").append(pad(TerminalText.line(e.value()), valueWidth))
                    .append("  ").append(dim(TerminalText.line(e.origin().describe()))).append('\n');
        }
        if (verbose) {
            config.filesRead().forEach(f -> out.append("  read: ").append(TerminalText.line(f.toString())).append('\n'));
        }
    }

    private void appendFinding(StringBuilder out, Finding finding) {
        out.append(severity(finding.severity())).append(' ').append(dim("[" + finding.id() + "]")).append(' ')
                .append(bold(TerminalText.line(finding.title()))).append('\n');
        if (!finding.detail().isEmpty()) {
            indent(out, "", TerminalText.block(finding.detail()));
        }
        finding.clientMessage().ifPresent(m -> indent(out, "ssh says: ", TerminalText.block(m)));
        if (verbose && !finding.evidence().isEmpty()) {
            StringBuilder evidence = new StringBuilder();
            finding.evidence().forEach((k, v) -> evidence.append(evidence.length() == 0 ? "" : "\n").append(k).append(" = ")
                    .append(TerminalText.line(v)));
            indent(out, "evidence: ", evidence.toString());
        }
        if (!finding.fix().isEmpty()) {
            indent(out, "fix:      ", TerminalText.block(finding.fix()));
        }
        if (finding.severity() != Severity.OK) {
            indent(out, "see:      ", "sshdoctor kb " + finding.id());
        }
    }

    String json(LocalAccount account, ClientReport report, List<Finding> findings) {
        Report asReport = new Report(Target.of("localhost", Target.DEFAULT_PORT, account.name()), Instant.now(), List.of(), findings);
        ObjectNode tree = new JsonRenderer(Version.VALUE).toTree(asReport);
        ObjectNode root = JsonRenderer.object();
        root.put("sshdoctor", Version.VALUE);
        root.put("command", "local");
        ObjectNode who = root.putObject("account");
        who.put("name", account.name());
        who.put("home", account.home().toString());
        who.put("uid", account.uid());
        report.config().ifPresent(config -> {
            ObjectNode c = root.putObject("config");
            c.put("host", config.originalHost());
            ArrayNode values = c.putArray("values");
            for (ConfigEntry e : config.effective()) {
                ObjectNode v = values.addObject();
                v.put("keyword", e.keyword());
                v.put("value", e.value());
                v.put("origin", e.origin().describe());
            }
            ArrayNode files = c.putArray("filesRead");
            config.filesRead().forEach(f -> files.add(f.toString()));
            ArrayNode ids = root.putArray("identities");
            for (OfferedIdentity id : report.identities()) {
                ObjectNode i = ids.addObject();
                i.put("position", id.position());
                i.put("source", id.source().name().toLowerCase(Locale.ROOT));
                i.put("label", id.label());
                id.key().ifPresent(k -> {
                    i.put("type", PublicKeys.type(k));
                    i.put("fingerprint", PublicKeys.fingerprint(k));
                });
                id.file().ifPresent(f -> i.put("file", f.toString()));
                i.put("origin", id.origin().describe());
                id.skipped().ifPresent(r -> i.put("skipped", r));
            }
        });
        root.set("findings", tree.get("findings"));
        root.set("counts", tree.get("counts"));
        return JsonRenderer.write(root);
    }

    private static void indent(StringBuilder out, String label, String text) {
        String continuation = "    " + " ".repeat(label.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "    " + label : continuation).append(lines[i]).append('\n');
        }
    }

    private String severity(Severity severity) {
        String label = severity.label();
        return switch (severity) {
            case OK -> ansi("32", label);
            case INFO -> ansi("34", label);
            case WARNING -> ansi("33", label);
            case ERROR -> ansi("31", label);
        };
    }

    private String bold(String s) {
        return ansi("1", s);
    }

    private String dim(String s) {
        return ansi("2", s);
    }

    private String ansi(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
