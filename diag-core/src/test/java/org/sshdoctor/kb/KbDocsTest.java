package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sshdoctor.render.ArticleMarkdown;

/**
 * docs/kb is generated from the knowledge base and must not go stale. Regenerate with
 * {@code mvn -q -pl diag-core test -Dtest=KbDocsTest -Dkb.docs.write=true} (this test then writes the
 * pages instead of comparing them, and removes pages of articles that no longer exist).
 */
class KbDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "kb");

    @Test
    void docsKbMatchesTheKnowledgeBase() throws IOException {
        Map<String, String> pages = ArticleMarkdown.pages(KnowledgeBase.builtIn().articles());
        if (Boolean.getBoolean("kb.docs.write")) {
            write(pages);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                stale.add(page.getKey());
            }
        }
        Set<String> extra = existing().stream().filter(name -> !pages.containsKey(name)).collect(Collectors.toSet());
        assertThat(stale).as("pages of docs/kb out of date; regenerate with: " + ArticleMarkdown.REGENERATE).isEmpty();
        assertThat(extra).as("pages in docs/kb without an article; regenerate with: " + ArticleMarkdown.REGENERATE).isEmpty();
    }

    @Test
    void pagesEscapeMarkdownAndKeepCommandsPasteable() {
        Article article = KnowledgeBase.builtIn().article("SSH-HOSTKEY-CHANGED").orElseThrow();
        String page = ArticleMarkdown.pages(List.of(article)).get("SSH-HOSTKEY-CHANGED.md");
        assertThat(page).startsWith("<!-- Generated from").contains("do not edit")
                .contains("# SSH-HOSTKEY-CHANGED: The server's host key differs from the one in known_hosts")
                .contains("Fix: `ssh-keygen -R HOST (for a non-standard port: ssh-keygen -R '[HOST]:PORT')")
                .contains("Offending ECDSA key in /home/fred/.ssh/known_hosts:3");
    }

    private static void write(Map<String, String> pages) throws IOException {
        Files.createDirectories(DOCS);
        for (String name : existing()) {
            if (!pages.containsKey(name)) {
                Files.delete(DOCS.resolve(name));
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(DOCS.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> existing() throws IOException {
        if (!Files.isDirectory(DOCS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).toList();
        }
    }
}
