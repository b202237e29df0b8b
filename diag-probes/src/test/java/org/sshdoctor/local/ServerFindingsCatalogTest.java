package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KnowledgeBase;
import org.sshdoctor.sshd.SshdFindings;

/** Every server-side finding id is well formed and has a knowledge-base article, and ids are unique. */
class ServerFindingsCatalogTest {
    private static List<String> ids() {
        List<String> ids = new ArrayList<>(ChrootFindings.ALL);
        ids.addAll(SshdFindings.ALL);
        ids.addAll(ServerAuthFindings.ALL);
        return ids;
    }

    @Test
    void everyIdHasAnArticle() {
        KnowledgeBase kb = KnowledgeBase.builtIn();
        assertThat(ids()).allSatisfy(id -> assertThat(kb.article(id)).as(id).isPresent());
    }

    @Test
    void idsAreUniqueAndUpperKebabCase() {
        assertThat(ids()).doesNotHaveDuplicates().allMatch(id -> id.matches("SSH(-[A-Z0-9]+)+"));
    }
}
