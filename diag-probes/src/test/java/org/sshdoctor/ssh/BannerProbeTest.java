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
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.NetFindings;
import org.sshdoctor.testing.DropbearServer;
import org.sshdoctor.testing.FakePeer;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;
import org.sshdoctor.testing.TinySshServer;

class BannerProbeTest {
    private static final DiagnosisOptions FAST = DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(2));

    static Report diagnose(int port) {
        return Doctor.create().diagnose(Target.of("127.0.0.1", port, "tester"), FAST, DiagnosisListener.NONE);
    }

    static Finding only(Report report, String id) {
        List<Finding> problems = report.findings().stream().filter(f -> f.severity().needsAction()).toList();
        assertThat(problems).as("problems in %s", report.findings()).extracting(Finding::id).containsExactly(id);
        return problems.get(0);
    }

    @Nested
    class RealServers {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer();
        @RegisterExtension
        static final DropbearServer DROPBEAR = new DropbearServer();
        @RegisterExtension
        static final TinySshServer TINYSSH = new TinySshServer();

        @Test
        void healthyOpenSshIsNamedWithItsDistribution() {
            Report report = diagnose(SSHD.port());
            assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
            Finding identified = report.findings(BannerFindings.IDENTIFIED).get(0);
            assertThat(identified.evidence()).containsEntry("software", "OpenSSH").containsEntry("family", "openssh");
            assertThat(identified.evidence().get("identification")).startsWith("SSH-2.0-OpenSSH_");
            assertThat(report.probe("banner").orElseThrow().status()).isEqualTo(ProbeStatus.OK);
        }

        @Test
        void dropbearIsRecognised() {
            Report report = diagnose(DROPBEAR.port());
            assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
            assertThat(report.findings(BannerFindings.IDENTIFIED).get(0).evidence()).containsEntry("software", "Dropbear");
        }

        @Test
        void tinySshIsRecognised() {
            Report report = diagnose(TINYSSH.port());
            assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
            assertThat(report.findings(BannerFindings.IDENTIFIED).get(0).evidence()).containsEntry("software", "TinySSH");
        }
    }

    @Test
    void refusedPortGivesOneErrorAndSkipsTheBannerWithTheReason() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Report report = diagnose(port);
        Finding refused = only(report, NetFindings.TCP_REFUSED);
        assertThat(refused.clientMessage()).contains("ssh: connect to host 127.0.0.1 port " + port + ": Connection refused");
        assertThat(RealSshClient.stderrOf(port, 3)).contains(refused.clientMessage().orElseThrow());
        var banner = report.probe("banner").orElseThrow();
        assertThat(banner.status()).isEqualTo(ProbeStatus.SKIPPED);
        assertThat(banner.summary()).contains("refused");
    }

    @Nested
    class WebServer {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.HTTP);

        @Test
        void httpOnThePortIsNamedAndSshsMessageQuoted() throws Exception {
            Finding finding = only(diagnose(peer.port()), BannerFindings.NOT_SSH);
            assertThat(finding.title()).contains("HTTP");
            assertThat(finding.evidence().get("first bytes")).startsWith("HTTP/1.1 400");
            String ssh = RealSshClient.stderrOf(peer.port(), 3);
            assertThat(ssh).contains("kex_exchange_identification: Connection closed by remote host");
            assertThat(finding.clientMessage().orElseThrow()).contains("kex_exchange_identification: Connection closed by remote host");
        }
    }

    @Nested
    class SilentServer {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.SILENT);

        @Test
        void silenceEndsAtTheDeadlineWithBannerTimeout() throws Exception {
            long start = System.nanoTime();
            Finding finding = only(diagnose(peer.port()), BannerFindings.TIMEOUT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(1_900L, 6_000L);
            assertThat(finding.clientMessage().orElseThrow()).startsWith("Connection timed out during banner exchange");
            assertThat(RealSshClient.stderrOf(peer.port(), 2)).contains("Connection timed out during banner exchange");
        }
    }

    @Nested
    class ClosingServer {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.CLOSE);

        @Test
        void closeBeforeBannerNamesTheServerSideCauses() throws Exception {
            Finding finding = only(diagnose(peer.port()), BannerFindings.CLOSED);
            assertThat(finding.fix()).contains("MaxStartups").contains("hosts.deny");
            assertThat(RealSshClient.stderrOf(peer.port(), 3)).contains(finding.clientMessage().orElseThrow().lines().findFirst().orElseThrow());
        }
    }

    @Nested
    class ResettingServer {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.RESET);

        @Test
        void resetBeforeBannerIsReported() {
            Finding finding = only(diagnose(peer.port()), BannerFindings.RESET);
            assertThat(finding.clientMessage().orElseThrow()).contains("Connection reset");
        }
    }

    @Nested
    class Tarpit {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.TARPIT);

        @Test
        void endlessLinesAreCalledATarpitWithinTheDeadline() {
            long start = System.nanoTime();
            Finding finding = only(diagnose(peer.port()), BannerFindings.TARPIT);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6_000L);
            assertThat(Integer.parseInt(finding.evidence().get("lines"))).isGreaterThan(3);
        }
    }

    @Nested
    class Ssh1Server {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.sends("SSH-1.5-OpenSSH_3.4p1\r\n"));

        @Test
        void ssh1OnlyIsRefusedLikeSshDoes() throws Exception {
            Finding finding = only(diagnose(peer.port()), BannerFindings.SSH1_ONLY);
            assertThat(RealSshClient.stderrOf(peer.port(), 3)).contains(finding.clientMessage().orElseThrow());
        }
    }

    @Nested
    class PreBannerText {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.sends(
                "Welcome to the pre-banner zone\r\nAuthorised users only\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n"));

        @Test
        void textBeforeTheIdentificationIsInfoAndTheServerStillIdentified() {
            Report report = diagnose(peer.port());
            // The fake peer never sends a KEXINIT: only the key exchange may stall, not the banner.
            assertThat(report.findings()).filteredOn(f -> f.severity().needsAction()).extracting(Finding::id)
                    .containsOnly(PeerFindings.KEX_STALLED);
            Finding info = report.findings(BannerFindings.PRE_BANNER_TEXT).get(0);
            assertThat(info.severity()).isEqualTo(Severity.INFO);
            assertThat(info.detail()).contains("Welcome to the pre-banner zone");
            assertThat(report.findings(BannerFindings.IDENTIFIED).get(0).evidence())
                    .containsEntry("platform", "Debian 12 \"bookworm\"").containsEntry("version", "9.2p1");
        }
    }

    @Nested
    class BinaryGarbage {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.sends("\u0015\u0003\u0001\u0000\u0002\u0002\n"));

        @Test
        void tlsAlertIsRecognisedAsTls() throws Exception {
            Finding finding = only(diagnose(peer.port()), BannerFindings.NOT_SSH);
            assertThat(finding.evidence()).containsEntry("protocol", "TLS");
            assertThat(finding.clientMessage().orElseThrow()).contains("banner line contains invalid characters");
            assertThat(RealSshClient.stderrOf(peer.port(), 3)).contains("banner line contains invalid characters");
        }
    }

    @Nested
    class SlowDrip {
        @RegisterExtension
        final FakePeer peer = new FakePeer(socket -> {
            for (byte b : "SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(400);
            }
        });

        @Test
        void oneByteAtATimeEndsAtTheDeadlineSayingHowMuchArrived() {
            long start = System.nanoTime();
            Finding finding = only(diagnose(peer.port()), BannerFindings.TIMEOUT);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000L);
            assertThat(finding.title()).startsWith("The server sent only ");
            assertThat(Integer.parseInt(finding.evidence().get("bytes"))).isBetween(3, 8);
        }
    }

    @Nested
    class EndlessLine {
        @RegisterExtension
        final FakePeer peer = new FakePeer(socket -> {
            byte[] chunk = "A".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < 32 && !socket.isClosed(); i++) { // 2 MiB without a newline
                socket.getOutputStream().write(chunk);
            }
        });

        @Test
        void aMegabyteLineIsCutAtSshsLimitAtOnce() throws Exception {
            long start = System.nanoTime();
            Finding finding = only(diagnose(peer.port()), BannerFindings.INVALID);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_500L);
            assertThat(finding.clientMessage()).hasValue("kex_exchange_identification: banner line too long");
            assertThat(finding.evidence().get("line").length()).isLessThanOrEqualTo(201);
        }
    }

    @Nested
    class HostileText {
        @RegisterExtension
        final FakePeer peer = new FakePeer(FakePeer.sends("SSH-2.0-Evil_1.0 \u001b]0;pwned\u0007\u001b[2J\u00ff\r\n"));

        @Test
        void escapeSequencesInTheBannerNeverReachTheTerminal() {
            Report report = diagnose(peer.port());
            String text = new org.sshdoctor.render.TextRenderer(false, true).render(report);
            assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\x1B]0;pwned");
        }
    }
}
