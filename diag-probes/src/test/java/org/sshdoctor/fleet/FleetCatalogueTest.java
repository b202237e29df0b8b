package org.sshdoctor.fleet;

import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KbAssertions;

class FleetCatalogueTest {
    @Test
    void everyFleetFindingHasAnArticle() {
        KbAssertions.assertEveryIdHasAnArticle(FleetFindings.ALL);
    }
}
