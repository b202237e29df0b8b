package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sshdoctor local --server}: exit codes, JSON, the StrictModes verdict end to end. */
class LocalServerCommandTest {
    @TempDir(factory = RootOwnedTempDir.class)
    Path base;
    private Path config;
    private Path keys;

    @BeforeEach
    void serverFiles() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CI runs as root)");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test",
                "-f", base.resolve("hk").toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0).isTrue();
        Path keysDir = Files.createDirectory(base.resolve("keys"));
        Files.setPosixFilePermissions(keysDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        keys = Files.copy(base.resolve("hk.pub"), keysDir.resolve("root"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        config = Files.writeString(base.resolve("sshd_config"), String.join("\n",
                "HostKey " + base.resolve("hk"), "UsePAM yes", "AuthorizedKeysFile " + keysDir + "/%u", ""));
    }

    @Test
    void aSafeKeysFileExitsZeroAndJsonNamesTheRuleAndFiles() throws Exception {
        CliRun run = CliRun.of("local", "--server", "--user", "root", "--sshd-config", config.toString(), "--json");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("user").asText()).isEqualTo("root");
        assertThat(json.get("strictModesRule").asText()).isNotBlank();
        assertThat(json.at("/authorizedKeysFiles/0").asText()).startsWith(keys.toString());
        JsonNode effective = json.get("effectiveConfig");
        java.util.Map<String, JsonNode> byKeyword = new java.util.HashMap<>();
        effective.forEach(node -> byKeyword.put(node.get("keyword").asText(), node));
        assertThat(byKeyword.get("authorizedkeysfile").get("source").asText()).isEqualTo(config + ":3");
        assertThat(byKeyword.get("usepam").at("/values/0").asText()).isEqualTo("yes");
        assertThat(byKeyword.get("strictmodes").get("source").asText()).isEqualTo("default");
    }

    @Test
    void verboseTextShowsTheEffectiveConfigurationWithOrigins() {
        CliRun run = CliRun.of("local", "--server", "--user", "root", "--sshd-config", config.toString(), "-v");
        assertThat(run.out()).contains("Effective configuration for root")
                .containsPattern("authorizedkeysfile +\\S+/%u +" + java.util.regex.Pattern.quote(config + ":3"));
    }

    @Test
    void aWorldWritableKeysFileExitsOneWithSshdsLine() throws Exception {
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw-rw-"));

        CliRun run = CliRun.of("local", "--server", "--user", "root", "--sshd-config", config.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-STRICTMODES-FILE]")
                .contains("sshd logs:   Authentication refused: bad ownership or modes for file " + keys);
    }

    @Test
    void serverOptionsWithoutServerOrAnUnknownUserAreUsageErrors() {
        // without --server, 'local' runs the client-side checks (LocalCommandTest); server options need --server
        CliRun client = CliRun.of("local", "--sshd-config", config.toString());
        assertThat(client.code()).isEqualTo(2);
        assertThat(client.err()).contains("--sshd-config needs --server");
        assertThat(CliRun.of("local", "--server", "some-host").code()).isEqualTo(2);
        assertThat(CliRun.of("local", "--server", "--user", "no-such-user-sshdoctor", "--sshd-config",
                config.toString()).code()).isEqualTo(2);
    }
}
