package org.sshdoctor.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.kb.Article;
import org.sshdoctor.kb.Explanation;
import org.sshdoctor.kb.InputLine;
import org.sshdoctor.kb.Match;
import org.sshdoctor.kb.Transcript;
import org.sshdoctor.model.Severity;

/**
 * Renders what {@code sshdoctor explain} found: as text for people (most decisive match first, each
 * with its causes ranked for the input, then the transcript analysis) and as the JSON documented in
 * cli.md. Every value that came from the input is sanitised before printing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ExplanationRenderer {
    private static final int UNMATCHED_SHOWN = 5;
    private static final int JSON_UNMATCHED_LIMIT = 1000;

    private final Style style;
    private final boolean verbose;

    public ExplanationRenderer(boolean colour, boolean verbose) {
        this.style = colour ? Style.ANSI : Style.PLAIN;
        this.verbose = verbose;
    }

    /** The explanation as text. */
    public String text(Explanation explanation) {
        StringBuilder out = new StringBuilder();
        List<Match> primary = explanation.matches().stream().filter(m -> m.consequenceOf().isEmpty()).toList();
        List<Match> echoes = explanation.matches().stream().filter(m -> m.consequenceOf().isPresent()).toList();
        if (explanation.isEmpty()) {
            out.append("Nothing in the ").append(plural(explanation.lines(), "line")).append(" is a message sshdoctor knows.\n")
                    .append("Paste the complete output of the failing command (ssh -v shows more), or search: sshdoctor kb --search WORDS\n");
        }
        for (Match match : primary) {
            match(out, match);
        }
        if (!echoes.isEmpty()) {
            out.append(style.bold("Explained by the above")).append('\n');
            for (Match echo : echoes) {
                out.append("  ").append(style.dim("[" + echo.id() + "]")).append(' ').append(echo.article().title())
                        .append(" (line ").append(echo.lineNumber()).append(", follows from ")
                        .append(echo.consequenceOf().orElseThrow()).append(")\n");
            }
            out.append('\n');
        }
        explanation.transcript().ifPresent(t -> transcript(out, t));
        unmatched(out, explanation);
        return out.toString();
    }

    private void match(StringBuilder out, Match match) {
        Article article = match.article();
        out.append(severity(article.severity())).append(' ').append(style.bold("[" + article.id() + "]")).append(' ')
                .append(article.title()).append('\n');
        out.append("  ").append(style.dim("line " + match.lineNumber() + ": "))
                .append(TerminalText.line(abbreviate(match.line(), 160)))
                .append(match.count() > 1 ? style.dim("  (" + match.count() + " lines)") : "").append('\n');
        if (!match.summary().equals(article.title())) {
            out.append("  ").append(TerminalText.line(match.summary())).append('\n');
        }
        boolean full = article.severity().needsAction() || verbose;
        if (full) {
            out.append('\n');
            indent(out, article.explanation().strip(), "  ");
            if (!match.causes().isEmpty()) {
                out.append('\n').append("  ").append(style.bold("Likely causes, for this text")).append('\n');
                int n = 1;
                for (Match.RankedCause cause : match.causes()) {
                    out.append("  ").append(n++).append(". ").append(TerminalText.line(cause.cause().cause().strip()))
                            .append(" (").append(cause.likelihood()).append(")\n");
                    if (!cause.check().isBlank()) {
                        out.append("     check: ").append(TerminalText.line(cause.check().strip())).append('\n');
                    }
                    if (!cause.fix().isBlank()) {
                        out.append("     fix:   ").append(TerminalText.line(cause.fix().strip())).append('\n');
                    }
                }
            }
            if (!article.fix().isBlank()) {
                out.append("  ").append(style.bold("Fix: ")).append(article.fix().strip()).append('\n');
            }
            for (String note : article.versionNotes()) {
                out.append("  ").append(style.dim("Version: " + note)).append('\n');
            }
        }
        out.append("  ").append(style.dim("see: sshdoctor kb " + article.id())).append("\n\n");
    }

    private void transcript(StringBuilder out, Transcript transcript) {
        out.append(style.bold("ssh -v transcript")).append(": last phase reached: ").append(transcript.lastPhase())
                .append(" (").append(String.join(" > ", transcript.phases())).append("), outcome: ")
                .append(transcript.outcome()).append('\n');
        List<String> facts = transcript.facts().entrySet().stream()
                .filter(e -> List.of("client", "server", "user", "kex", "hostKey", "hostKeyStatus", "knownHosts",
                        "methods", "authenticatedWith").contains(e.getKey()))
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        if (!facts.isEmpty()) {
            out.append("  ").append(TerminalText.line(String.join("; ", facts))).append('\n');
        }
        if (!transcript.keys().isEmpty()) {
            out.append("  keys, in the order ssh considered them:\n");
            for (Transcript.KeyAttempt key : transcript.keys()) {
                out.append("    ").append(String.format("%-10s", key.result())).append(' ')
                        .append(TerminalText.line(key.path()))
                        .append(key.type().isEmpty() ? "" : " " + key.type())
                        .append(key.fingerprint().isEmpty() ? "" : " " + key.fingerprint())
                        .append(" (").append(key.origin()).append(")\n");
            }
        }
        for (String note : transcript.notes()) {
            out.append("  - ").append(TerminalText.line(note)).append('\n');
        }
        out.append('\n');
    }

    private void unmatched(StringBuilder out, Explanation explanation) {
        List<InputLine> lines = explanation.unmatched();
        if (lines.isEmpty() || explanation.isEmpty() && lines.size() <= 1) {
            return;
        }
        int shown = verbose ? lines.size() : Math.min(UNMATCHED_SHOWN, lines.size());
        out.append(style.dim("Not recognised: " + plural(lines.size(), "line")
                + (shown < lines.size() ? " (-v lists them all)" : ""))).append('\n');
        for (InputLine line : lines.subList(0, shown)) {
            out.append(style.dim("  " + line.number() + ": " + TerminalText.line(abbreviate(line.text(), 120)))).append('\n');
        }
    }

    /** The explanation as the JSON document of cli.md ({@code matches}, {@code transcript}, {@code unmatched}). */
    public static String json(Explanation explanation) {
        ObjectNode root = JsonRenderer.object();
        ArrayNode matches = root.putArray("matches");
        for (Match match : explanation.matches()) {
            ObjectNode node = matches.addObject();
            node.put("article", match.id());
            node.put("title", match.article().title());
            node.put("severity", match.article().severity().label());
            node.put("line", match.line());
            node.put("lineNumber", match.lineNumber());
            node.put("count", match.count());
            node.put("summary", match.summary());
            match.consequenceOf().ifPresent(id -> node.put("consequenceOf", id));
            ObjectNode captures = node.putObject("captures");
            match.captures().forEach(captures::put);
            ArrayNode causes = node.putArray("causes");
            for (Match.RankedCause cause : match.causes()) {
                causes.addObject().put("cause", cause.cause().cause().strip()).put("likelihood", cause.likelihood())
                        .put("check", cause.check().strip()).put("fix", cause.fix().strip());
            }
            match.article().versionNotes().forEach(node.putArray("versionNotes")::add);
        }
        explanation.transcript().ifPresent(t -> {
            ObjectNode node = root.putObject("transcript");
            node.put("lastPhase", t.lastPhase());
            t.phases().forEach(node.putArray("phases")::add);
            node.put("outcome", t.outcome());
            ObjectNode facts = node.putObject("facts");
            t.facts().forEach(facts::put);
            ArrayNode keys = node.putArray("keys");
            for (Transcript.KeyAttempt key : t.keys()) {
                keys.addObject().put("path", key.path()).put("type", key.type()).put("fingerprint", key.fingerprint())
                        .put("origin", key.origin()).put("result", key.result());
            }
            t.notes().forEach(node.putArray("notes")::add);
        });
        ArrayNode unmatched = root.putArray("unmatched");
        explanation.unmatched().stream().limit(JSON_UNMATCHED_LIMIT).map(InputLine::text).forEach(unmatched::add);
        root.put("unmatchedCount", explanation.unmatched().size());
        root.put("lines", explanation.lines());
        return JsonRenderer.write(root);
    }

    private String severity(Severity severity) {
        String label = String.format("%-7s", severity.label());
        return switch (severity) {
            case ERROR -> style.red(label);
            case WARNING -> style.yellow(label);
            case INFO -> style.blue(label);
            case OK -> style.green(label);
        };
    }

    private static void indent(StringBuilder out, String text, String indent) {
        for (String line : text.split("\n", -1)) {
            out.append(indent).append(line).append('\n');
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
