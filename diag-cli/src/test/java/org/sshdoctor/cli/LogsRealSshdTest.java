package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;

/**
 * The installed OpenSSH sshd (LogLevel VERBOSE, sshd -e output) meets a real ssh client with an unknown
 * user, one with a cipher the server refuses and an HTTP client; sshdoctor logs must recognise every
 * line it writes.
 */
class LogsRealSshdTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer(List.of("ed25519"), "PasswordAuthentication no");

    @Test
    void everyLineOfARealSshdIsRecognised() throws Exception {
        RealSshClient.stderrOf(SSHD.port(), 5);
        RealSshClient.stderrOf(SSHD.port(), 5, "-o", "Ciphers=aes128-cbc");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SSHD.port()), 2000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(3000);
            try {
                socket.getInputStream().readAllBytes(); // sshd answers with its banner, then closes
            } catch (java.io.IOException reset) {
                // sshd may reset the connection instead: either way it logged the bad banner
            }
        }
        Path log = SSHD.directory().resolve("server.log");
        JsonNode summary;
        List<String> types = new ArrayList<>();
        for (int attempt = 0; attempt < 50; attempt++) { // sshd writes the last lines as the connections end
            types.clear();
            for (String line : CliRun.of("logs", "--events", log.toString()).out().split("\n")) {
                if (!line.isBlank()) {
                    types.add(new ObjectMapper().readTree(line).path("type").asText());
                }
            }
            if (types.contains("negotiation-failed") && types.contains("banner-problem") && types.contains("invalid-user")) {
                break;
            }
            Thread.sleep(100);
        }
        summary = new ObjectMapper().readTree(CliRun.of("logs", "--json", log.toString()).out());
        assertThat(types).as(SSHD.log()).contains("server-event", "connected", "invalid-user", "disconnected",
                "negotiation-failed", "banner-problem");
        assertThat(summary.path("counts").path("unrecognised").asInt()).as(SSHD.log()).isZero();
        assertThat(summary.path("topSources").get(0).path("address").asText()).isEqualTo("127.0.0.1");
    }
}
