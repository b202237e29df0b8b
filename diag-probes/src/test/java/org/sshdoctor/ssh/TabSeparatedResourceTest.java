package org.sshdoctor.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedResourceTest {
    @Test
    void aLineWithTheWrongNumberOfFieldsIsNamedByFileAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TabSeparatedResource.records("two-fields.tsv", 3));
        assertEquals("two-fields.tsv:3: expected 3 tab-separated fields, found 2", e.getMessage());
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        assertEquals(List.of(List.of("name", "kind")), TabSeparatedResource.records("two-fields.tsv", 2));
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TabSeparatedResource.records("no-such.tsv", 1));
        assertTrue(e.getMessage().startsWith("no-such.tsv is missing"), e.getMessage());
    }

    @Test
    void theShippedCataloguesLoadWithTheirNotesAndLists() {
        AlgorithmCatalog.Note sha1 = AlgorithmCatalog.builtIn().note(AlgorithmKind.KEX, "diffie-hellman-group1-sha1").orElseThrow();
        assertTrue(sha1.weak());
        assertTrue(sha1.why().contains("Logjam"), sha1.why());
        ClientAlgorithms oldest = ClientProfiles.builtIn().profile("openssh-7.4", List.of()).orElseThrow();
        assertEquals("curve25519-sha256", oldest.preferred(AlgorithmKind.KEX).get(0));
        assertEquals(java.util.Optional.of(true), oldest.canEnable(AlgorithmKind.CIPHER, "3des-cbc"), "alsoSupported can be enabled");
    }
}
