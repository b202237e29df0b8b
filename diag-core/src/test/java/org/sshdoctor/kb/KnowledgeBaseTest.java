package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sshdoctor.engine.EngineFindings;

class KnowledgeBaseTest {
    private final KnowledgeBase kb = KnowledgeBase.builtIn();

    @Test
    void everyArticleIsWellFormed() {
        assertThat(kb.articles()).isNotEmpty();
        Set<String> seen = new HashSet<>();
        for (Article article : kb.articles()) {
            assertThat(article.id()).as("id").matches(KbAssertions.ID_FORMAT);
            assertThat(seen.add(article.id())).as("unique id %s", article.id()).isTrue();
            assertThat(article.title()).as("title of %s", article.id()).isNotBlank().doesNotEndWith(".");
            assertThat(article.explanation()).as("explanation of %s", article.id()).isNotBlank();
            for (Article.Cause cause : article.causes()) {
                assertThat(cause.likelihood()).as("likelihood in %s", article.id()).isIn("high", "medium", "low");
            }
            if (article.severity().needsAction()) {
                assertThat(article.causes()).as("causes of %s", article.id()).isNotEmpty();
            }
        }
    }

    @Test
    void engineFindingsHaveArticles() {
        KbAssertions.assertEveryIdHasAnArticle(EngineFindings.ALL);
    }

    @Test
    void lookupIsCaseInsensitiveAndSearchNeedsEveryWord() {
        assertThat(kb.article("ssh-tcp-refused")).map(Article::id).hasValue("SSH-TCP-REFUSED");
        assertThat(kb.article("NO-SUCH-ID")).isEmpty();
        assertThat(kb.search("connection refused")).extracting(Article::id).contains("SSH-TCP-REFUSED");
        assertThat(kb.search("connection refused zebra")).isEmpty();
    }
}
