package org.sshdoctor.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.kb.Article;

/** Renders knowledge-base articles as text for {@code sshdoctor kb}, and as JSON. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArticleRenderer {
    private final Style style;

    public ArticleRenderer(boolean colour) {
        this.style = colour ? Style.ANSI : Style.PLAIN;
    }

    /** One article in full. */
    public String render(Article article) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(article.id())).append("  ").append(article.title())
                .append("  (").append(article.severity().label()).append(")\n\n");
        out.append(wrap(article.explanation().strip(), "")).append('\n');
        List<String> seen = article.clientMessages().isEmpty() ? article.examples() : article.clientMessages();
        if (!seen.isEmpty()) {
            out.append('\n').append(style.bold("What you see")).append('\n');
            seen.forEach(m -> out.append("    ").append(m.strip()).append('\n'));
        }
        if (!article.causes().isEmpty()) {
            out.append('\n').append(style.bold("Likely causes")).append('\n');
            int n = 1;
            for (Article.Cause cause : article.causes()) {
                out.append("  ").append(n++).append(". ").append(cause.cause().strip())
                        .append(" (").append(cause.likelihood()).append(")\n");
                if (!cause.check().isBlank()) {
                    out.append(wrap("check: " + cause.check().strip(), "       "));
                }
                if (!cause.fix().isBlank()) {
                    out.append(wrap("fix:   " + cause.fix().strip(), "       "));
                }
            }
        }
        if (!article.fix().isBlank()) {
            out.append('\n').append(style.bold("Fix")).append('\n').append(wrap(article.fix().strip(), "  "));
        }
        if (!article.versionNotes().isEmpty()) {
            out.append('\n').append(style.bold("Versions")).append('\n');
            article.versionNotes().forEach(v -> out.append("  ").append(v).append('\n'));
        }
        if (!article.references().isEmpty()) {
            out.append('\n').append(style.bold("References")).append('\n');
            article.references().forEach(r -> out.append("  ").append(r).append('\n'));
        }
        return out.toString();
    }

    /** One line per article: id and title. */
    public String list(Collection<Article> articles) {
        int width = articles.stream().mapToInt(a -> a.id().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Article article : articles) {
            out.append(article.id()).append(" ".repeat(width - article.id().length() + 2))
                    .append(article.title()).append('\n');
        }
        if (articles.isEmpty()) {
            out.append("No article matches.\n");
        }
        return out.toString();
    }

    /** Articles as a JSON array document. */
    public static String json(Collection<Article> articles) {
        ObjectNode root = JsonRenderer.object();
        ArrayNode list = root.putArray("articles");
        for (Article article : articles) {
            ObjectNode node = list.addObject();
            node.put("id", article.id());
            node.put("title", article.title());
            node.put("severity", article.severity().label());
            node.put("explanation", article.explanation().strip());
            article.clientMessages().forEach(node.putArray("clientMessages")::add);
            ArrayNode causes = node.putArray("causes");
            for (Article.Cause cause : article.causes()) {
                causes.addObject().put("cause", cause.cause().strip()).put("likelihood", cause.likelihood())
                        .put("check", cause.check().strip()).put("fix", cause.fix().strip());
            }
            node.put("fix", article.fix().strip());
            article.references().forEach(node.putArray("references")::add);
            node.put("source", article.source());
            article.examples().forEach(node.putArray("examples")::add);
            article.versionNotes().forEach(node.putArray("versionNotes")::add);
        }
        return JsonRenderer.write(root);
    }

    /** Keeps the author's line breaks; each line is indented. */
    private static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(indent).append(line).append('\n');
        }
        return out.toString();
    }
}
