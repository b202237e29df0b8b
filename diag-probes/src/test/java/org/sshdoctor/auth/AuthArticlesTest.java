package org.sshdoctor.auth;

import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KbAssertions;

class AuthArticlesTest {
    @Test
    void everyPublicKeyAcceptanceFindingHasAnArticle() {
        KbAssertions.assertEveryIdHasAnArticle(AuthFindings.ALL);
    }
}
