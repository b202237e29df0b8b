package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.local.ClientReport;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.os.Account;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import org.sshdoctor.render.TextRenderer.Viewpoint;
import org.sshdoctor.render.TextRenderer;

/**
 * Prints {@code sshdoctor local}: the effective configuration with origins, the identities in order,
 * then the findings in the same layout as a diagnosis. Everything from files is sanitised.
 */
final class LocalRenderer {
    private final boolean verbose;
    private final TextRenderer printer;

    LocalRenderer(boolean colour, boolean verbose) {
        this.verbose = verbose;
        this.printer = new TextRenderer(colour, verbose, Viewpoint.BOTH_ENDS);
    }

    String text(Account account, ClientReport report, List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        out.append(printer.bold("sshdoctor local")).append("  ").append(TerminalText.line(account.name()))
                .append(" (home ").append(TerminalText.line(account.home().toString())).append(")\n");
        report.config().ifPresent(config -> appendConfig(out, config));
        for (Finding finding : findings) {
            String text = printer.finding(finding);
            if (!text.isEmpty()) {
                out.append('\n').append(text);
            }
        }
        out.append('\n').append(printer.tally(findings)).append('\n');
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
                    .append("  ").append(printer.dim(TerminalText.line(e.origin().describe()))).append('\n');
        }
        if (verbose) {
            config.filesRead().forEach(f -> out.append("  read: ").append(TerminalText.line(f.toString())).append('\n'));
        }
    }

    String json(Account account, ClientReport report, List<Finding> findings) {
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
        root.set("findings", JsonRenderer.findings(findings));
        root.set("counts", JsonRenderer.counts(findings));
        return JsonRenderer.write(root);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
