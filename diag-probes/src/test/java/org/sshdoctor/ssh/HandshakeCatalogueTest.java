package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sshdoctor.kb.KnowledgeBase;

/** The handshake probes' data: KB articles for every id, the client profiles, the negotiation rules. */
class HandshakeCatalogueTest {

    @Test
    void everyFindingIdHasAnArticle() {
        KnowledgeBase kb = KnowledgeBase.builtIn();
        assertThat(HandshakeFindings.ALL).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(kb.article(id)).as(id).isPresent());
    }

    @Test
    void everyPeerFindingIdHasAnArticle() {
        KnowledgeBase kb = KnowledgeBase.builtIn();
        assertThat(PeerFindings.ALL).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(kb.article(id)).as(id).isPresent());
    }

    @Test
    void openSshComparesOnlyTheFirstFortyNamesOfAServerListAndStopsAtAnEmptyOne() {
        java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("junk-" + i + "@example.org");
        }
        many.add("curve25519-sha256");
        assertThat(Negotiation.firstCommon(List.of("curve25519-sha256"), many)).isEmpty();
        assertThat(Negotiation.firstCommon(List.of("curve25519-sha256"), many.subList(1, 41))).contains("curve25519-sha256");
        assertThat(Negotiation.firstCommon(List.of("curve25519-sha256"), List.of("a", "", "curve25519-sha256"))).isEmpty();
    }

    @Test
    void profilesCoverTheReleasesUsersRun() {
        ClientProfiles profiles = ClientProfiles.builtIn();
        assertThat(profiles.names()).containsExactly("openssh-7.4", "openssh-8.8", "openssh-9.2", "openssh-10.2");
        ClientAlgorithms v88 = profiles.profile("openssh-8.8", List.of()).orElseThrow();
        assertThat(v88.preferred(AlgorithmKind.HOST_KEY)).contains("rsa-sha2-512").doesNotContain("ssh-rsa");
        assertThat(v88.canEnable(AlgorithmKind.HOST_KEY, "ssh-rsa")).contains(true);
        ClientAlgorithms v102 = profiles.profile("openssh-10.2", List.of()).orElseThrow();
        assertThat(v102.canEnable(AlgorithmKind.HOST_KEY, "ssh-dss")).contains(false);
        assertThat(v102.preferred(AlgorithmKind.KEX).get(0)).isEqualTo("mlkem768x25519-sha256");
    }

    static ServerKexInit server(String kex, String hostKeys, String ciphers, String macs) {
        Map<KexList, List<String>> lists = new EnumMap<>(KexList.class);
        lists.put(KexList.KEX, ServerKexInit.split(kex));
        lists.put(KexList.HOST_KEY, ServerKexInit.split(hostKeys));
        lists.put(KexList.CIPHER_C2S, ServerKexInit.split(ciphers));
        lists.put(KexList.CIPHER_S2C, ServerKexInit.split(ciphers));
        lists.put(KexList.MAC_C2S, ServerKexInit.split(macs));
        lists.put(KexList.MAC_S2C, ServerKexInit.split(macs));
        lists.put(KexList.COMPRESSION_C2S, List.of("none"));
        lists.put(KexList.COMPRESSION_S2C, List.of("none"));
        return new ServerKexInit(lists);
    }

    @Test
    void everyFailingListIsReportedAndPseudoAlgorithmsNeverMatch() {
        ClientAlgorithms client = ClientProfiles.builtIn().profile("openssh-9.2", List.of()).orElseThrow();
        Negotiation n = Negotiation.predict(client, server("diffie-hellman-group1-sha1,kex-strict-s-v00@openssh.com",
                "ssh-dss", "aes128-cbc,3des-cbc", "hmac-md5"));
        assertThat(n.failures()).extracting(o -> o.list().kind()).containsExactly(AlgorithmKind.KEX,
                AlgorithmKind.HOST_KEY, AlgorithmKind.CIPHER, AlgorithmKind.MAC, AlgorithmKind.CIPHER, AlgorithmKind.MAC);
    }

    @Test
    void macMismatchDoesNotMatterWhenTheChosenCipherIsAead() {
        ClientAlgorithms client = ClientProfiles.builtIn().profile("openssh-9.2", List.of()).orElseThrow();
        Negotiation aead = Negotiation.predict(client, server("curve25519-sha256", "ssh-ed25519",
                "chacha20-poly1305@openssh.com,aes128-ctr", "hmac-md5"));
        assertThat(aead.succeeds()).isTrue();
        assertThat(aead.outcome(KexList.MAC_C2S).notNegotiated()).isTrue();
        // The client prefers chacha20, but when only CTR is common the MAC must match too.
        Negotiation ctr = Negotiation.predict(client, server("curve25519-sha256", "ssh-ed25519", "aes128-ctr", "hmac-md5"));
        assertThat(ctr.failures()).extracting(o -> o.list().kind()).containsOnly(AlgorithmKind.MAC);
    }

    @Test
    void withoutAnSshOnThePathTheNewestProfileIsUsed() throws Exception {
        ClientProfileProbe probe = new ClientProfileProbe(HandshakeOptions.defaults(), "/nonexistent");
        org.sshdoctor.engine.ProbeResult result = SshfpProbeTest.run(probe, null);
        assertThat(result.ok()).isTrue();
        assertThat(result.summary()).contains("built-in profile openssh-10.2").contains("fallback: no ssh on PATH");
    }
}
