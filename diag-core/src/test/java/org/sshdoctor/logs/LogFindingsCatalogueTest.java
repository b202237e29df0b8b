package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.Article;
import org.sshdoctor.kb.KbAssertions;
import org.sshdoctor.kb.KnowledgeBase;

class LogFindingsCatalogueTest {
    @Test
    void everyLogFindingHasAnArticleAndEveryLogArticleAFinding() {
        KbAssertions.assertEveryIdHasAnArticle(LogFindings.ALL);
        KnowledgeBase kb = KnowledgeBase.builtIn();
        Set<String> articles = kb.articles().stream().map(Article::id).filter(id -> id.startsWith("SSH-LOG-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(LogFindings.ALL), articles);
    }
}
