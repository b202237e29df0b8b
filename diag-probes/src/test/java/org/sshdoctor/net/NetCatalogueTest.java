package org.sshdoctor.net;

import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KbAssertions;
import org.sshdoctor.ssh.BannerFindings;

class NetCatalogueTest {
    @Test
    void everyNetworkAndBannerFindingHasAnArticle() {
        KbAssertions.assertEveryIdHasAnArticle(NetFindings.ALL);
        KbAssertions.assertEveryIdHasAnArticle(BannerFindings.ALL);
    }
}
