package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.testing.OpenSshServer;

/**
 * A target behind a jump host, with two real sshd on loopback: the diagnosis goes to the jump host (the
 * only host ssh connects to from here), asks it about the keys ssh would offer it, and says plainly that
 * the target was not probed; the target's sshd sees no connection at all.
 */
class JumpHostDiagnosisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = System.getProperty("user.name");

    @RegisterExtension
    static final OpenSshServer JUMP = new OpenSshServer("PubkeyAuthentication yes");

    @RegisterExtension
    static final OpenSshServer TARGET = new OpenSshServer("PubkeyAuthentication yes");

    @TempDir
    static Path dir;

    private static Path home;
    private static Path key;
    private static Path knownHosts;

    @BeforeAll
    static void keyAuthorizedOnTheJumpHost() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        home = Files.createDirectories(dir.resolve("home"));
        key = dir.resolve("jump_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        Files.writeString(JUMP.authorizedKeys(), Files.readString(Path.of(key + ".pub")));
        Files.writeString(TARGET.authorizedKeys(), Files.readString(Path.of(key + ".pub")));
        StringBuilder lines = new StringBuilder();
        for (OpenSshServer server : new OpenSshServer[] {JUMP, TARGET}) {
            try (var files = Files.list(server.directory())) {
                for (Path pub : files.filter(f -> f.getFileName().toString().matches("ssh_host_.*_key\\.pub")).toList()) {
                    lines.append("[127.0.0.1]:").append(server.port()).append(' ').append(Files.readString(pub).strip()).append('\n');
                }
            }
        }
        knownHosts = Files.writeString(dir.resolve("known_hosts"), lines);
    }

    /** The target's sshd log since {@code from} characters (its start-up check connects once). */
    private static String targetLogSince(int from) {
        return TARGET.log().substring(from);
    }

    private static CliRun diagnose(String config, String host, String... more) throws Exception {
        Path file = Files.writeString(dir.resolve("config-" + host), config);
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--no-agent", "-F", file.toString(), "--known-hosts",
                knownHosts.toString(), "--json"));
        args.addAll(List.of(more));
        args.add(host);
        return CliRun.withVariables(Map.of(), args.toArray(String[]::new));
    }

    /** The jump host's block, which the user's own ssh (--via-jump) reads too: its key, known_hosts, nothing of ~/.ssh. */
    private static String jumpBlock() {
        return jumpBlock(key);
    }

    private static String jumpBlock(Path identity) {
        return "Host 127.0.0.1\n    IdentitiesOnly yes\n    IdentityFile " + identity + "\n    UserKnownHostsFile " + knownHosts
                + "\n    GlobalKnownHostsFile /dev/null\n    StrictHostKeyChecking yes\n";
    }

    @Test
    void proxyJumpDiagnosesTheJumpHostAndSaysTheTargetWasNotProbed() throws Exception {
        int before = TARGET.log().length();
        CliRun run = diagnose("Host inner\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyJump " + USER
                + "@127.0.0.1:" + JUMP.port() + "\n" + jumpBlock(), "inner");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("target").path("port").asInt()).as(run.out()).isEqualTo(JUMP.port());
        JsonNode note = finding(report, "SSH-JUMP-FIRST-HOP-ONLY");
        assertThat(note.path("title").asText()).isEqualTo("ssh reaches inner through the jump host 127.0.0.1: this report is for"
                + " 127.0.0.1; inner itself was not probed");
        assertThat(note.path("detail").asText()).contains("ProxyJump " + USER + "@127.0.0.1:" + JUMP.port())
                .contains("never logs in or signs with your keys");
        assertThat(note.path("fix").asText()).contains("sshdoctor --via-jump inner");
        // The jump host was diagnosed to the end: its host key is known, and it accepts the key its Host block names.
        assertThat(finding(report, "SSH-HOSTKEY-KNOWN").path("title").asText()).contains(knownHosts.toString());
        assertThat(finding(report, "SSH-PUBKEY-ACCEPTED").path("title").asText()).contains(key.toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(JUMP.log()).contains("Connection from 127.0.0.1");
        assertThat(targetLogSince(before)).doesNotContain("Connection from");
    }

    @Test
    void proxyCommandSshStdioForwardGoesToItsHostToo() throws Exception {
        int before = TARGET.log().length();
        CliRun run = diagnose("Host inner2\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyCommand ssh -W %h:%p -p "
                + JUMP.port() + " " + USER + "@127.0.0.1\n" + jumpBlock(), "inner2");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("target").path("port").asInt()).as(run.out()).isEqualTo(JUMP.port());
        assertThat(finding(report, "SSH-JUMP-FIRST-HOP-ONLY").path("detail").asText()).startsWith("ProxyCommand ssh -W %h:%p");
        assertThat(targetLogSince(before)).doesNotContain("Connection from");
    }

    @Test
    void aJumpHostThatIsDownIsTheErrorNotTheTarget() throws Exception {
        CliRun run = diagnose("Host inner3\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyJump 127.0.0.1:1\n", "inner3");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("target").path("port").asInt()).isEqualTo(1);
        assertThat(finding(report, "SSH-TCP-REFUSED").path("severity").asText()).isEqualTo("error");
        assertThat(finding(report, "SSH-JUMP-FIRST-HOP-ONLY")).isNotNull();
        assertThat(run.code()).isEqualTo(1);
    }

    @Test
    void viaJumpDiagnosesTheTargetThroughTheUsersOwnSsh() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "ssh is not installed");
        int before = TARGET.log().length();
        int jumpBefore = JUMP.log().length();
        CliRun run = diagnose("Host inner4\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyJump " + USER
                + "@127.0.0.1:" + JUMP.port() + "\n    IdentitiesOnly yes\n    IdentityFile " + key + "\n" + jumpBlock(), "inner4",
                "--via-jump");
        JsonNode report = JSON.readTree(run.out());
        JsonNode via = finding(report, "SSH-JUMP-VIA-USER-SSH");
        assertThat(via.path("title").asText()).as(run.out()).contains("ssh -W [127.0.0.1]:" + TARGET.port() + " -l " + USER
                + " -p " + JUMP.port()).endsWith(" -- 127.0.0.1");
        assertThat(report.toString()).doesNotContain("SSH-JUMP-TRANSPORT-FAILED");
        // The target itself was diagnosed: its host key against known_hosts under its own name, and the key it accepts.
        assertThat(finding(report, "SSH-HOSTKEY-KNOWN").path("detail").asText()).contains("[127.0.0.1]:" + TARGET.port());
        assertThat(finding(report, "SSH-PUBKEY-ACCEPTED").path("title").asText()).contains(key.toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(targetLogSince(before)).contains("Connection from 127.0.0.1");
        // One login on the jump host carried every connection (a master ssh), not one login each.
        assertThat(JUMP.log().substring(jumpBefore).split("Accepted publickey for " + USER, -1)).hasSize(2);
        assertThat(via.path("evidence").path("connections carried").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void viaJumpRunsTheUsersProxyCommandWithItsTokensExpanded() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "ssh is not installed");
        Path config = dir.resolve("config-inner6");
        int before = TARGET.log().length();
        CliRun run = diagnose("Host inner6\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyCommand ssh -F " + config
                + " -o BatchMode=yes -W %h:%p -p " + JUMP.port() + " " + USER + "@127.0.0.1\n    IdentitiesOnly yes\n    IdentityFile "
                + key + "\n" + jumpBlock(), "inner6", "--via-jump");
        JsonNode report = JSON.readTree(run.out());
        assertThat(finding(report, "SSH-JUMP-VIA-USER-SSH").path("title").asText()).as(run.out())
                .endsWith("-W 127.0.0.1:" + TARGET.port() + " -p " + JUMP.port() + " " + USER + "@127.0.0.1");
        assertThat(finding(report, "SSH-PUBKEY-ACCEPTED").path("title").asText()).contains(key.toString());
        assertThat(targetLogSince(before)).contains("Connection from 127.0.0.1");
    }

    @Test
    void viaJumpSaysSoWhenTheUsersSshCannotLogInToTheJumpHost() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "ssh is not installed");
        Path stranger = dir.resolve("stranger");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        CliRun run = diagnose("Host inner5\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n    ProxyJump " + USER
                + "@127.0.0.1:" + JUMP.port() + "\n" + jumpBlock(stranger), "inner5", "--via-jump");
        JsonNode failed = finding(JSON.readTree(run.out()), "SSH-JUMP-TRANSPORT-FAILED");
        assertThat(failed.path("detail").asText()).as(run.out()).contains("Permission denied");
        assertThat(failed.path("fix").asText()).contains("ssh -v -W [127.0.0.1]:" + TARGET.port());
        assertThat(run.code()).isEqualTo(1);
    }

    @Test
    void viaJumpNeedsAJumpHost() throws Exception {
        CliRun run = diagnose("Host plain\n    HostName 127.0.0.1\n    Port " + TARGET.port() + "\n", "plain", "--via-jump");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--via-jump: plain has no ProxyJump or ProxyCommand");
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
