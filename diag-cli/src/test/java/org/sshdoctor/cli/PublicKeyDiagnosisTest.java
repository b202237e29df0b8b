package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.testing.OpenSshServer;

/**
 * The "why Permission denied (publickey)?" answer end to end: a real sshd with MaxAuthTries 3 and one
 * authorized key, a real ssh-agent holding three other keys before it, the CLI in process, and the real
 * ssh client with the same agent to show the prediction is what ssh does.
 */
class PublicKeyDiagnosisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = System.getProperty("user.name");

    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer("MaxAuthTries 3", "PubkeyAuthentication yes");

    @TempDir
    static Path dir;

    private static Process agent;
    private static Path socket;
    private static Path authorized;
    private static Path knownHosts;
    private static Path home;

    @BeforeAll
    static void agentWithTheAuthorizedKeyLast() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh")),
                "OpenSSH client tools are not installed");
        home = Files.createDirectories(dir.resolve("home"));
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(25);
        }
        Files.createDirectories(dir.resolve("keys"));
        for (int i = 1; i <= 4; i++) {
            Path key = dir.resolve("keys/k" + i);
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "k" + i, "-f", key.toString()));
            run(List.of("ssh-add", "-q", key.toString()));
            authorized = key;
        }
        Files.writeString(SSHD.authorizedKeys(), Files.readString(Path.of(authorized + ".pub")));
        StringBuilder lines = new StringBuilder();
        try (var files = Files.list(SSHD.directory())) {
            for (Path pub : files.filter(f -> f.getFileName().toString().matches("ssh_host_.*_key\\.pub")).toList()) {
                lines.append("[127.0.0.1]:").append(SSHD.port()).append(' ').append(Files.readString(pub).strip()).append('\n');
            }
        }
        knownHosts = Files.writeString(dir.resolve("known_hosts"), lines);
    }

    @AfterAll
    static void stopAgent() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
            if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }

    /** The real ssh, with the same agent and no config; its exit code and stderr. */
    private static String[] realSsh(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-p", String.valueOf(SSHD.port())));
        command.addAll(List.of(extra));
        command.addAll(List.of(USER + "@127.0.0.1", "true"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(process.exitValue()), err};
    }

    private static CliRun diagnose(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--no-color"));
        all.addAll(List.of(args));
        return CliRun.withVariables(Map.of("SSH_AUTH_SOCK", socket.toString()), all.toArray(String[]::new));
    }

    @Test
    void workingKeyBehindMaxAuthTriesIsNamedAndRealSshIsCutOff() throws Exception {
        // The authorized agent key also lives in ~/.ssh under a name no config mentions: the fix names that file.
        Path dotSsh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(dotSsh, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path work = dotSsh.resolve("work_ed25519");
        Files.copy(authorized, work, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.copy(Path.of(authorized + ".pub"), Path.of(work + ".pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun run = diagnose("-F", "none", "--known-hosts", knownHosts.toString(), USER + "@127.0.0.1", "-p", String.valueOf(SSHD.port()));
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-PUBKEY-TOO-MANY-FAILURES]")
                .contains("The server accepts key #4 (k4), but MaxAuthTries is exhausted by the 3 keys before it")
                .contains("this server's MaxAuthTries: it disconnected at the 3rd refused key")
                .contains("#1 agent k1").contains("refused (the server then disconnected)")
                .contains("Too many authentication failures")
                .contains("IdentitiesOnly yes")
                .contains("Add at the top of ~/.ssh/config")
                .contains("IdentityFile " + work)
                .contains("ssh -o IdentitiesOnly=yes -i " + work + " -p " + SSHD.port() + " " + USER + "@127.0.0.1");

        // The agent's three other keys are what use up this server's limit: said with the server's own numbers.
        assertThat(run.out()).contains("[SSH-AGENT-MANY-KEYS] The ssh-agent's keys use up 127.0.0.1's MaxAuthTries (3) before key #4")
                .contains("3 of the agent's 4 keys come before the key the server accepts")
                .contains("ssh-add -D");

        String[] ssh = realSsh();
        assertThat(ssh[0]).isEqualTo("255");
        assertThat(ssh[1]).contains("Too many authentication failures");
    }

    @Test
    void anUnreachableAgentIsNamedWhenNoKeyIsAccepted() throws Exception {
        Path dead = Files.writeString(dir.resolve("dead.sock"), "not a socket");
        Path other = dir.resolve("keys/k1");
        List<String> args = List.of("--home", home.toString(), "--no-color", "-F", "none", "--known-hosts", knownHosts.toString(),
                "-i", other.toString(), "--json", USER + "@127.0.0.1:" + SSHD.port());
        CliRun run = CliRun.withVariables(Map.of("SSH_AUTH_SOCK", dead.toString()), args.toArray(String[]::new));
        JsonNode report = JSON.readTree(run.out());
        JsonNode none = finding(report, "SSH-PUBKEY-NONE-ACCEPTED");
        assertThat(none.path("detail").asText()).contains("ssh cannot reach the agent at " + dead)
                .contains("no agent key was offered");
        assertThat(finding(report, "SSH-AGENT-UNREACHABLE").path("clientMessage").asText())
                .contains("Could not open a connection to your authentication agent");
        assertThat(run.code()).isEqualTo(1);

        // With IdentitiesOnly ssh offers no agent-only key anyway: the verdict does not blame the agent.
        List<String> only = new ArrayList<>(args);
        only.addAll(0, List.of("-o", "IdentitiesOnly=yes"));
        CliRun identitiesOnly = CliRun.withVariables(Map.of("SSH_AUTH_SOCK", dead.toString()), only.toArray(String[]::new));
        assertThat(finding(JSON.readTree(identitiesOnly.out()), "SSH-PUBKEY-NONE-ACCEPTED").path("detail").asText())
                .doesNotContain("cannot reach the agent");
    }

    @Test
    void healthyWithTheKeyNamedExitsZeroAndRealSshLogsIn() throws Exception {
        CliRun run = diagnose("-F", "none", "--known-hosts", knownHosts.toString(), "-i", authorized.toString(),
                "-o", "IdentitiesOnly=yes", "--json", USER + "@127.0.0.1:" + SSHD.port());
        assertThat(run.code()).as(run.out()).isZero();
        JsonNode accepted = finding(JSON.readTree(run.out()), "SSH-PUBKEY-ACCEPTED");
        assertThat(accepted.path("title").asText()).startsWith("The server accepts key #1 (" + authorized + ")");

        String[] ssh = realSsh("-o", "IdentitiesOnly=yes", "-i", authorized.toString());
        assertThat(ssh[0]).as(ssh[1]).isEqualTo("0");
    }

    @Test
    void unknownHostKeyIsNotShownTheKeysWithoutQueryKeys() throws Exception {
        CliRun run = diagnose("-F", "none", "--json", USER + "@127.0.0.1:" + SSHD.port());
        JsonNode report = JSON.readTree(run.out());
        JsonNode skipped = finding(report, "SSH-PUBKEY-QUERY-SKIPPED");
        assertThat(skipped.path("severity").asText()).isEqualTo("info");
        assertThat(skipped.path("detail").asText()).contains("known_hosts has no key for [127.0.0.1]:" + SSHD.port())
                .contains("#4 agent k4");
        assertThat(skipped.path("fix").asText()).contains("ssh -p " + SSHD.port() + " 127.0.0.1");
        assertThat(run.out()).doesNotContain("SSH-PUBKEY-TOO-MANY-FAILURES").doesNotContain("SSH-PUBKEY-ACCEPTED");

        CliRun forced = diagnose("-F", "none", "--query-keys", USER + "@127.0.0.1:" + SSHD.port());
        assertThat(forced.out()).contains("[SSH-PUBKEY-TOO-MANY-FAILURES]");
    }

    @Test
    void hostAliasFromTheConfigFileIsResolvedAndItsIdentityUsed() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "Host web-alias\n    HostName 127.0.0.1\n    Port " + SSHD.port()
                + "\n    User " + USER + "\n    IdentitiesOnly yes\n    IdentityFile " + authorized
                + "\n    UserKnownHostsFile " + knownHosts + "\n");
        CliRun run = diagnose("-F", config.toString(), "--json", "web-alias");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("target").path("name").asText()).isEqualTo("web-alias");
        assertThat(report.path("target").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(report.path("target").path("port").asInt()).isEqualTo(SSHD.port());
        assertThat(report.path("target").path("user").asText()).isEqualTo(USER);
        assertThat(finding(report, "SSH-HOSTKEY-KNOWN").path("title").asText()).contains(knownHosts.toString());
        assertThat(finding(report, "SSH-PUBKEY-ACCEPTED").path("title").asText()).startsWith("The server accepts key #1");
        assertThat(run.code()).as(run.out()).isZero();
    }

    @Test
    void noAcceptedKeyIsSaidInSshsWordsAndRealSshIsDenied() throws Exception {
        Path other = dir.resolve("keys/k1");
        CliRun run = diagnose("-F", "none", "--known-hosts", knownHosts.toString(), "-o", "IdentitiesOnly=yes", "-i",
                other.toString(), "--json", USER + "@127.0.0.1:" + SSHD.port());
        assertThat(run.code()).isEqualTo(1);
        JsonNode none = finding(JSON.readTree(run.out()), "SSH-PUBKEY-NONE-ACCEPTED");
        assertThat(none.path("detail").asText()).contains("#1 agent+file " + other).contains("refused");
        assertThat(none.path("severity").asText()).isEqualTo("warning");

        String[] ssh = realSsh("-o", "IdentitiesOnly=yes", "-i", other.toString());
        assertThat(ssh[0]).isEqualTo("255");
        assertThat(ssh[1]).contains(none.path("clientMessage").asText());
    }

    @Test
    void fileProblemsOfTheIdentitiesInPlayAreReported() throws Exception {
        Path loose = dir.resolve("loose");
        Files.copy(authorized, loose);
        Files.copy(Path.of(authorized + ".pub"), Path.of(loose + ".pub"));
        Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = diagnose("-F", "none", "--known-hosts", knownHosts.toString(), "--no-agent", "-i", loose.toString(),
                "--json", USER + "@127.0.0.1:" + SSHD.port());
        JsonNode report = JSON.readTree(run.out());
        // The server accepts the key, but ssh refuses to load a private key others can read.
        assertThat(finding(report, "SSH-PUBKEY-ACCEPTED").path("title").asText()).contains(loose.toString());
        JsonNode unprotected = finding(report, "SSH-KEY-UNPROTECTED");
        assertThat(unprotected.path("clientMessage").asText()).contains("UNPROTECTED PRIVATE KEY FILE");
        assertThat(run.code()).isEqualTo(1);
    }

    @Test
    void aProxyCommandThatIsNotAnSshHopIsSaidNotToBeFollowed() throws Exception {
        // A SOCKS proxy has no SSH first hop to diagnose (ProxyJump goes to the jump host: JumpHostDiagnosisTest).
        Path config = Files.writeString(dir.resolve("config-jump"), "Host inner\n    HostName 127.0.0.1\n    Port " + SSHD.port()
                + "\n    ProxyCommand nc -X 5 -x 127.0.0.1:1080 %h %p\n");
        CliRun run = diagnose("-F", config.toString(), "--json", "inner");
        JsonNode proxy = finding(JSON.readTree(run.out()), "SSH-CONFIG-PROXY-NOT-FOLLOWED");
        assertThat(proxy.path("title").asText()).isEqualTo(
                "ssh goes through ProxyCommand nc -X 5 -x 127.0.0.1:1080 %h %p; sshdoctor connected to 127.0.0.1 directly");
        assertThat(proxy.path("detail").asText()).contains("Set by " + config + ":4");
        CliRun plain = diagnose("-F", "none", "--json", USER + "@127.0.0.1:" + SSHD.port());
        assertThat(plain.out()).doesNotContain("SSH-CONFIG-PROXY-NOT-FOLLOWED").doesNotContain("\"proxy\"");
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no " + id + " in " + report.path("findings"));
    }
}
