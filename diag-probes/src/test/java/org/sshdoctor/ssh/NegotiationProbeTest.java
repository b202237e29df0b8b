package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;

/**
 * Negotiation predicted for the local OpenSSH client against real sshd configurations it cannot talk
 * to; each finding's quoted message is checked against what the real ssh prints.
 */
class NegotiationProbeTest {
    /** Generous: nothing here waits for a timeout, and a loaded CI machine must not fail a healthy handshake. */
    static final DiagnosisOptions FAST = DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(5));

    static Report diagnose(int port, HandshakeOptions options) {
        Report report = Doctor.create(options.knownHosts().isPresent() ? options : options.withKnownHosts(List.of()))
                .diagnose(Target.of("127.0.0.1", port, "tester"), FAST, DiagnosisListener.NONE);
        System.out.println(new TextRenderer(false, true).render(report));
        return report;
    }

    static Report diagnose(int port) {
        return diagnose(port, HandshakeOptions.defaults());
    }

    static List<Finding> problems(Report report) {
        return report.findings().stream().filter(f -> f.severity().needsAction()).toList();
    }

    @Nested
    class OnlySha1RsaHostKeys {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer(List.of("rsa"), "HostKeyAlgorithms ssh-rsa");

        @Test
        void hostKeyMismatchQuotesSshAndGivesBothFixes() throws Exception {
            Report report = diagnose(SSHD.port());
            Finding finding = report.findings(HandshakeFindings.ALGO_NO_COMMON_HOSTKEY).get(0);
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            String message = "Unable to negotiate with 127.0.0.1 port " + SSHD.port()
                    + ": no matching host key type found. Their offer: ssh-rsa";
            assertThat(finding.clientMessage()).contains(message);
            assertThat(RealSshClient.stderrOf(SSHD.port(), 3)).contains(message);
            assertThat(finding.detail()).contains("SHA-1").contains("8.8");
            assertThat(finding.fix()).contains("-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa")
                    .contains("ssh_host_ed25519_key");
            assertThat(problems(report)).extracting(Finding::id).containsExactly(HandshakeFindings.ALGO_NO_COMMON_HOSTKEY);
        }

        @Test
        void anOldClientProfileStillNegotiates() {
            Report report = diagnose(SSHD.port(), HandshakeOptions.defaults().withClientProfile("openssh-7.4"));
            assertThat(report.findings(HandshakeFindings.ALGO_NO_COMMON_HOSTKEY)).isEmpty();
            assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED).get(0).evidence())
                    .containsEntry("host key", "ssh-rsa");
        }
    }

    /** Runs the diagnosis and checks the one error it finds against the real ssh. */
    static Finding onlyError(int port, String id, String expectedMessageEnd) throws Exception {
        Report report = diagnose(port);
        assertThat(problems(report)).extracting(Finding::id).containsExactly(id);
        Finding finding = report.findings(id).get(0);
        String message = finding.clientMessage().orElseThrow();
        assertThat(message).startsWith("Unable to negotiate with 127.0.0.1 port " + port + ": ").contains(expectedMessageEnd);
        assertThat(RealSshClient.stderrOf(port, 3)).contains(message);
        return finding;
    }

    @Nested
    class OnlyGroup1KeyExchange {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("KexAlgorithms diffie-hellman-group1-sha1");

        @Test
        void kexMismatchQuotesTheRawOfferWithItsPseudoAlgorithms() throws Exception {
            // OpenSSH quotes the offer as sent, kex-strict-s-v00@openssh.com included (Debian's 9.2 sends it).
            Finding finding = onlyError(SSHD.port(), HandshakeFindings.ALGO_NO_COMMON_KEX,
                    "no matching key exchange method found. Their offer: diffie-hellman-group1-sha1");
            assertThat(finding.title()).endsWith("offers only diffie-hellman-group1-sha1");
            assertThat(finding.fix()).contains("-o KexAlgorithms=+diffie-hellman-group1-sha1");
            assertThat(finding.detail()).contains("Logjam");
        }
    }

    @Nested
    class OnlyCbcCipher {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("Ciphers aes128-cbc");

        @Test
        void cipherMismatch() throws Exception {
            Finding finding = onlyError(SSHD.port(), HandshakeFindings.ALGO_NO_COMMON_CIPHER,
                    "no matching cipher found. Their offer: aes128-cbc");
            assertThat(finding.fix()).contains("-o Ciphers=+aes128-cbc");
        }
    }

    @Nested
    class CtrWithMd5Only {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("Ciphers aes128-ctr", "MACs hmac-md5");

        @Test
        void macMismatchMattersWithoutAnAeadCipher() throws Exception {
            Finding finding = onlyError(SSHD.port(), HandshakeFindings.ALGO_NO_COMMON_MAC,
                    "no matching MAC found. Their offer: hmac-md5");
            assertThat(finding.fix()).contains("-o MACs=+hmac-md5");
        }
    }

    @Nested
    class Healthy {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer();

        @Test
        void healthyServerNegotiatesWithoutProblemsInThreeConnectionsAtMost() {
            Report report = diagnose(SSHD.port(), HandshakeOptions.defaults().withAudit(true).withKnownHosts(List.of()));
            assertThat(problems(report)).isEmpty();
            assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED).get(0).evidence())
                    .containsEntry("host key", "ssh-ed25519").containsEntry("strict kex", "offered");
            // the rig's readiness check (1), then ours: one per host key type, the first (TCP, banner, key
            // exchange, auth methods) going on over one connection; all three keys still reported
            assertThat(SSHD.log().lines().filter(l -> l.startsWith("Connection from"))).hasSize(1 + 3);
            assertThat(report.findings(HandshakeFindings.HOSTKEY_UNKNOWN).get(0).evidence())
                    .containsKeys("ED25519", "ECDSA nistp256", "RSA");
        }
    }

    @Nested
    class LegacyAlsoOffered {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("Ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes128-cbc,3des-cbc");

        @Test
        void legacyCiphersTheClientDoesNotUseAreInfoAndWarningsOnlyWithAudit() {
            Finding plain = diagnose(SSHD.port()).findings(HandshakeFindings.ALGO_LEGACY_OFFERED).get(0);
            assertThat(plain.severity()).isEqualTo(Severity.INFO);
            assertThat(plain.evidence()).containsKeys("aes128-cbc", "3des-cbc");
            assertThat(plain.title()).contains("does not use");
            Report audited = diagnose(SSHD.port(), HandshakeOptions.defaults().withAudit(true));
            assertThat(problems(audited)).extracting(Finding::id).containsExactly(HandshakeFindings.ALGO_LEGACY_OFFERED);
            assertThat(problems(audited).get(0).detail()).contains("Sweet32").contains("CVE-2008-5161");
        }
    }

    @Nested
    class OtherImplementations {
        @RegisterExtension
        static final org.sshdoctor.testing.DropbearServer DROPBEAR = new org.sshdoctor.testing.DropbearServer();
        @RegisterExtension
        static final org.sshdoctor.testing.TinySshServer TINYSSH = new org.sshdoctor.testing.TinySshServer();

        @Test
        void dropbearIsHealthyForTheLocalClient() {
            Report report = diagnose(DROPBEAR.port());
            assertThat(problems(report)).isEmpty();
            assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED).get(0).evidence()).containsEntry("host key", "ssh-ed25519");
            assertThat(report.findings(HandshakeFindings.AUTH_METHODS).get(0).evidence().get("methods")).contains("publickey");
        }

        @Test
        void tinySshIsHealthyAndOnlyTakesKeys() {
            Report report = diagnose(TINYSSH.port());
            assertThat(problems(report)).isEmpty();
            assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED)).hasSize(1);
            assertThat(report.findings(HandshakeFindings.AUTH_METHODS).get(0).title())
                    .isEqualTo("Password login is off for tester: the server accepts only publickey");
        }
    }
}
