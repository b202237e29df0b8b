package org.sshdoctor.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.sshdoctor.kb.Article;

/**
 * The documentation pages of the knowledge base, one markdown page per article (in the style of the
 * ShellCheck wiki: the message, what it means, causes with how to check and fix each) plus an index.
 * Generated from the same YAML as {@code sshdoctor kb}; a test keeps {@code docs/kb} in sync.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArticleMarkdown {
    /** How to regenerate the pages, printed in every banner and by the stale-docs test. */
    public static final String REGENERATE =
            "mvn -q -pl diag-core test -Dtest=KbDocsTest -Dkb.docs.write=true";
    private static final String BANNER = "<!-- Generated from diag-core/src/main/resources/kb/*.yaml; do not edit. "
            + "Regenerate: " + REGENERATE + " -->\n";

    private ArticleMarkdown() {}

    /** Every page, file name to content: {@code README.md} (the index) and {@code ID.md} per article. */
    public static Map<String, String> pages(Collection<Article> articles) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("README.md", index(articles));
        for (Article article : articles) {
            pages.put(article.id() + ".md", page(article));
        }
        return pages;
    }

    static String page(Article article) {
        StringBuilder out = new StringBuilder(BANNER).append('\n');
        out.append("# ").append(article.id()).append(": ").append(text(article.title())).append("\n\n");
        out.append("Severity: **").append(article.severity().label()).append("** · ").append(source(article.source()))
                .append("\n\n");
        List<String> seen = article.examples().isEmpty() ? article.clientMessages() : article.examples();
        if (!seen.isEmpty()) {
            out.append("## What you see\n\n```\n");
            seen.forEach(line -> out.append(line.strip()).append('\n'));
            out.append("```\n\n");
        }
        out.append("## What it means\n\n").append(text(article.explanation().strip())).append("\n\n");
        if (!article.causes().isEmpty()) {
            out.append("## Likely causes\n\n");
            int n = 1;
            for (Article.Cause cause : article.causes()) {
                out.append("### ").append(n++).append(". ").append(text(cause.cause().strip())).append("\n\n");
                out.append("Likelihood: ").append(cause.likelihood())
                        .append(cause.raisedBy().isEmpty() && cause.loweredBy().isEmpty() ? ""
                                : " (sshdoctor explain adjusts it to what else the pasted text shows)")
                        .append("\n\n");
                if (!cause.check().isBlank()) {
                    out.append("Check: ").append(code(cause.check().strip())).append("\n\n");
                }
                if (!cause.fix().isBlank()) {
                    out.append("Fix: ").append(code(cause.fix().strip())).append("\n\n");
                }
            }
        }
        if (!article.fix().isBlank()) {
            out.append("## Fix\n\n").append(text(article.fix().strip())).append("\n\n");
        }
        if (!article.versionNotes().isEmpty()) {
            out.append("## Versions\n\n");
            article.versionNotes().forEach(note -> out.append("- ").append(text(note)).append('\n'));
            out.append('\n');
        }
        if (!article.references().isEmpty()) {
            out.append("## References\n\n");
            article.references().forEach(ref -> out.append("- ").append(text(ref)).append('\n'));
            out.append('\n');
        }
        out.append("## See also\n\n");
        if (!article.examples().isEmpty()) {
            out.append("- `sshdoctor explain` recognises this message: ")
                    .append(code("sshdoctor explain '" + article.examples().get(0).strip().replace("'", "'\\''") + "'"))
                    .append('\n');
        }
        out.append("- ").append(code("sshdoctor kb " + article.id())).append(" prints this page in the terminal\n");
        article.followsFrom().forEach(id -> out.append("- Often the echo of [").append(id).append("](").append(id)
                .append(".md)\n"));
        out.append("- [All articles](README.md)\n");
        return out.toString();
    }

    static String index(Collection<Article> articles) {
        StringBuilder out = new StringBuilder(BANNER).append('\n');
        out.append("# sshdoctor knowledge base\n\n")
                .append("One page per finding id and per message `sshdoctor explain` recognises: what it means, the ")
                .append("likely causes, how to check each one and how to fix it. ").append(articles.size())
                .append(" articles.\n\n");
        Map<String, List<Article>> bySource = new LinkedHashMap<>();
        for (String source : List.of("client", "server", "sftp", "debug", "finding")) {
            bySource.put(source, new ArrayList<>());
        }
        articles.forEach(a -> bySource.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a));
        bySource.forEach((source, list) -> {
            if (list.isEmpty()) {
                return;
            }
            out.append("## ").append(heading(source)).append("\n\n");
            list.forEach(a -> out.append("- [").append(a.id()).append("](").append(a.id()).append(".md) ")
                    .append(text(a.title())).append(" (").append(a.severity().label()).append(")\n"));
            out.append('\n');
        });
        return out.toString();
    }

    private static String source(String source) {
        return switch (source) {
            case "client" -> "Printed by: the client (ssh, scp, sftp, ssh-add and the tools that run them)";
            case "server" -> "Logged by: sshd (auth.log, secure, journalctl -u ssh)";
            case "sftp" -> "Logged by: sftp-server / internal-sftp";
            case "debug" -> "Printed by: ssh -v (debug output)";
            default -> "Reported by: sshdoctor's checks";
        };
    }

    private static String heading(String source) {
        return switch (source) {
            case "client" -> "What the client prints";
            case "server" -> "What sshd logs";
            case "sftp" -> "What the SFTP server logs";
            case "debug" -> "What ssh -v prints";
            default -> "Findings of sshdoctor's own checks";
        };
    }

    /** Prose: backtick spans stay code; elsewhere characters markdown would interpret are escaped. */
    static String text(String prose) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (char c : prose.toCharArray()) {
            if (c == '`') {
                inCode = !inCode;
                out.append(c);
            } else if (!inCode && "*<>[]#\\|".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A code span long enough to hold any backticks in {@code text}. */
    static String code(String text) {
        String fence = "`";
        while (text.contains(fence)) {
            fence += "`";
        }
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
