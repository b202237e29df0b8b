package org.sshdoctor.local;

import org.junit.jupiter.api.Test;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.kb.KbAssertions;

/** Every finding id of the config and client checks has a knowledge-base article. */
class ClientArticlesTest {
    @Test
    void everyConfigAndClientFindingHasAnArticle() {
        KbAssertions.assertEveryIdHasAnArticle(LocalFindings.ALL);
        KbAssertions.assertEveryIdHasAnArticle(ConfigFindings.ALL);
    }
}
