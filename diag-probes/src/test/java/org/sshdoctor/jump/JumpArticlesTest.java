package org.sshdoctor.jump;

import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KbAssertions;

class JumpArticlesTest {
    @Test
    void everyJumpFindingHasAnArticle() {
        KbAssertions.assertEveryIdHasAnArticle(JumpFindings.ALL);
    }
}
