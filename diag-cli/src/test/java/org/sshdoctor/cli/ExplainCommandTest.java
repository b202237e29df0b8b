package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;

class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void explainsOneLineGivenAsArguments() {
        CliRun run = CliRun.of("explain", "Permissions", "0644", "for", "'/home/ann/.ssh/id_rsa'", "are", "too", "open.");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-KEY-UNPROTECTED]",
                "/home/ann/.ssh/id_rsa has mode 0644: the group and everyone else can access it",
                "fix:   chmod 600 /home/ann/.ssh/id_rsa", "see: sshdoctor kb SSH-KEY-UNPROTECTED");
    }

    @Test
    void readsStandardInputAndAnalysesTranscripts() {
        String transcript = String.join("\n",
                "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026",
                "debug1: Connecting to 127.0.0.1 [127.0.0.1] port 42222.",
                "debug1: Connection established.",
                "debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10",
                "debug1: SSH2_MSG_SERVICE_ACCEPT received",
                "debug1: Authentications that can continue: publickey",
                "debug1: Next authentication method: publickey",
                "debug1: Offering public key: keys/user_a ED25519 SHA256:4pLuZwpQRoDIt7RDKQOgno5OC5mnddgtGO4ybq7WWpY explicit",
                "debug1: Authentications that can continue: publickey",
                "debug1: No more authentication methods to try.",
                "sshdemo@127.0.0.1: Permission denied (publickey).");
        CliRun run = CliRun.withStdin(transcript, "explain");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-AUTH-PERMISSION-DENIED]", "ssh -v transcript: last phase reached: auth",
                "refused    keys/user_a ED25519", "The server refused 1 key(s)");
        assertThat(run.out()).doesNotContain("Not recognised");
    }

    @Test
    void jsonHasMatchesTranscriptAndUnmatchedLines() throws Exception {
        CliRun run = CliRun.withStdin("""
                debug1: Connecting to 203.0.113.110 [203.0.113.110] port 22.
                debug1: Authentications that can continue: publickey,keyboard-interactive
                Received disconnect from 203.0.113.110 port 22:2: Too many authentication failures
                what the user typed by mistake
                """, "explain", "--json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        JsonNode match = root.get("matches").get(0);
        assertThat(match.get("article").asText()).isEqualTo("SSH-AUTH-TOO-MANY-FAILURES");
        assertThat(match.get("captures").get("address").asText()).isEqualTo("203.0.113.110");
        assertThat(match.get("causes").get(0).get("likelihood").asText()).isEqualTo("high");
        assertThat(match.get("causes").get(0).get("fix").asText()).contains("IdentitiesOnly=yes");
        assertThat(root.get("transcript").get("lastPhase").asText()).isEqualTo("auth");
        assertThat(root.get("unmatched").get(0).asText()).isEqualTo("what the user typed by mistake");
    }

    @Test
    void anAttackProbeInTheServerLogIsNotAProblem() {
        CliRun run = CliRun.of("explain", "Aug 10 19:09:05 server sshd[93126]: Failed none for invalid user admin "
                + "from 125.64.94.136 port 27586 ssh2");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("[SSH-SERVER-NONE-PROBE]", "an attack probe, not a fault");
    }

    @Test
    void unrecognisedTextExitsZeroAndSaysSo() {
        CliRun run = CliRun.of("explain", "all is well");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Nothing in the 1 line is a message sshdoctor knows.");
    }

    @Test
    void noInputIsAUsageError() throws Exception {
        CliRun run = CliRun.withStdin("  \n", "explain", "--json");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("sshdoctor: nothing to explain");
        assertThat(JSON.readTree(run.out()).get("error").get("kind").asText()).isEqualTo("usage");
    }

    @Test
    void controlCharactersFromTheInputAreNotPrinted() {
        CliRun run = CliRun.of("explain", "ssh: connect to host evil\u001b]0;pwned\u0007.example port 22: Connection refused");
        assertThat(run.out()).doesNotContain("\u001b]0;").doesNotContain("\u0007");
        assertThat(run.out()).contains("[SSH-TCP-REFUSED]");
    }

    @Test
    void kbSearchFindsArticlesByTheirMessages() {
        CliRun run = CliRun.of("kb", "--search", "message too long");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("SSH-SFTP-STRAY-OUTPUT");
    }

    /** The real ssh client against a real sshd: what it prints is explained as the right article. */
    @Nested
    class AgainstARealServer {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "MaxAuthTries 2");

        @TempDir
        Path keys;

        @Test
        void anUnknownKeyIsPermissionDeniedWithTheKeyShownRefused() throws Exception {
            Path key = newKey("one");
            String stderr = RealSshClient.stderrOf(SSHD.port(), 10, "-v", "-o", "IdentitiesOnly=yes", "-i", key.toString());
            CliRun run = CliRun.withStdin(stderr, "explain", "--json");
            JsonNode root = JSON.readTree(run.out());
            assertThat(run.code()).as(stderr).isEqualTo(1);
            assertThat(root.get("matches").get(0).get("article").asText()).as(stderr).isEqualTo("SSH-AUTH-PERMISSION-DENIED");
            assertThat(root.get("transcript").get("lastPhase").asText()).isEqualTo("auth");
            assertThat(root.get("transcript").get("keys").get(0).get("result").asText()).isEqualTo("refused");
        }

        @Test
        void manyKeysExhaustMaxAuthTries() throws Exception {
            List<String> args = new ArrayList<>(List.of("-v", "-o", "IdentitiesOnly=yes"));
            for (String name : List.of("a", "b", "c")) {
                args.addAll(List.of("-i", newKey(name).toString()));
            }
            String stderr = RealSshClient.stderrOf(SSHD.port(), 10, args.toArray(String[]::new));
            CliRun run = CliRun.withStdin(stderr, "explain", "--json");
            JsonNode root = JSON.readTree(run.out());
            assertThat(root.get("matches").get(0).get("article").asText()).as(stderr).isEqualTo("SSH-AUTH-TOO-MANY-FAILURES");
        }

        @Test
        void theServersLogOfTheseAttemptsIsExplainedToo() throws Exception {
            RealSshClient.stderrOf(SSHD.port(), 10, "-o", "IdentitiesOnly=yes", "-i", newKey("log").toString());
            CliRun run = CliRun.withStdin(SSHD.log(), "explain", "--json");
            JsonNode root = JSON.readTree(run.out());
            List<String> ids = new ArrayList<>();
            root.get("matches").forEach(m -> ids.add(m.get("article").asText()));
            assertThat(ids).as(SSHD.log()).contains("SSH-SERVER-LISTENING", "SSH-SERVER-CONNECTION-FROM");
        }

        private Path newKey(String name) throws Exception {
            Path key = keys.resolve("id_" + name);
            Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                    key.toString()).redirectErrorStream(true).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            return key;
        }
    }
}
