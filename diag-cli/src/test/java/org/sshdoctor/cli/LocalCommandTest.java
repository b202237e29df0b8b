package org.sshdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sshdoctor local} end to end through the CLI: exit codes, text, JSON, usage errors. */
class LocalCommandTest {
    @TempDir
    Path home;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private void keygen(Path file) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
    }

    @Test
    void cleanHomeExitsZero() throws Exception {
        keygen(home.resolve(".ssh/id_ed25519"));
        Files.setPosixFilePermissions(home.resolve(".ssh"), PosixFilePermissions.fromString("rwx------"));
        CliRun r = run("local", "--home", home.toString(), "--no-agent");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("No problems found."), r.out());
    }

    @Test
    void openKeyExitsOneAndJsonIsValid() throws Exception {
        Path key = home.resolve(".ssh/id_ed25519");
        keygen(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun text = run("local", "--home", home.toString(), "--no-agent");
        assertEquals(1, text.code());
        assertTrue(text.out().contains("Permissions 0644 for '" + key + "' are too open."), text.out());
        CliRun json = run("local", "--json", "--home", home.toString(), "--no-agent");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("SSH-KEY-UNPROTECTED", root.get("findings").get(0).get("id").asText());
        assertEquals(1, root.get("counts").get("error").asInt());
    }

    @Test
    void targetShowsEffectiveConfigWithOrigins() throws Exception {
        Path config = home.resolve("cfg");
        Files.writeString(config, "Host web\n  HostName web.example.org\n  User deploy\n");
        CliRun r = run("local", "--home", home.toString(), "--no-agent", "-F", config.toString(), "web");
        assertTrue(r.out().contains("web.example.org") && r.out().contains(config + ":2"), r.out());
        JsonNode root = new ObjectMapper().readTree(run("local", "--json", "--home", home.toString(), "--no-agent",
                "-F", config.toString(), "-o", "Port=2200", "web").out());
        JsonNode values = root.get("config").get("values");
        assertEquals(List.of("host", "user", "hostname", "port"), List.of(values.get(0).get("keyword").asText(),
                values.get(1).get("keyword").asText(), values.get(2).get("keyword").asText(), values.get(3).get("keyword").asText()));
        assertEquals("command line (-o Port=2200)", values.get(3).get("origin").asText());
    }

    @Test
    void checkPassphraseTellsRightFromWrongWithoutPrintingIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path key = home.resolve("enc");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "Grüße-42", "-f", key.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
        CliRun wrong = CliRun.withStdin("Grusse-42\n", "local", "--home", home.toString(), "--no-agent", "--check-passphrase", key.toString());
        assertEquals(1, wrong.code(), wrong.out());
        assertTrue(wrong.out().contains("incorrect passphrase supplied to decrypt private key"), wrong.out());
        assertTrue(!wrong.out().contains("Grusse"));
        CliRun right = CliRun.withStdin("Grüße-42\n", "local", "--home", home.toString(), "--no-agent", "-v", "--check-passphrase", key.toString());
        assertEquals(0, right.code(), right.out());
        assertTrue(right.out().contains("The passphrase opens " + key), right.out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("local", "--server", "--home", home.toString()).code());
        assertEquals(2, run("local", "--home", home.resolve("nope").toString()).code());
        assertEquals(2, run("local", "-F", "x").code());
        CliRun both = run("local", "--home", home.toString(), "--user", "root");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("sshdoctor: give --home DIR or --user NAME"), both.err());
    }
}
