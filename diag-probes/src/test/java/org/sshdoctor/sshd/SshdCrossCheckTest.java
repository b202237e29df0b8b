package org.sshdoctor.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.model.Finding;

/**
 * Our resolution agrees with {@code sshd -T -C} (the authority) on every compared keyword, for
 * connections that hit and miss each kind of Match block of a config using Include and Match all.
 */
class SshdCrossCheckTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @TempDir
    Path dir;

    @Test
    void everyComparedKeywordAgreesWithSshdForEachConnection() throws Exception {
        if (!Files.isExecutable(SSHD)) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "CI installs openssh-server");
            Assumptions.abort("sshd not installed");
        }
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "sshd -T needs root");
        SshdConfigTest.writeSample(dir);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                dir.resolve("hk").toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0).isTrue();
        SshdConfig config = SshdConfig.read(dir.resolve("sshd_config"));
        List<ConnectionSpec> specs = List.of(
                // sshd -T insists on lport when the config has Match LocalPort: every spec gives one.
                new ConnectionSpec(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                        OptionalInt.of(22)),
                SshdConfigTest.spec("alice", List.of(), "h.example.org", "10.1.5.5").to("127.0.0.1", 22),
                SshdConfigTest.spec("alice", List.of(), "h.example.com", "10.1.2.3").to("127.0.0.1", 22),
                SshdConfigTest.spec("mallory", List.of(), "h.example.org", "10.1.5.5").to("127.0.0.1", 22),
                SshdConfigTest.spec("root", List.of("root"), "a.example.net", "192.0.2.1").to("127.0.0.1", 2222),
                SshdConfigTest.spec("bob", List.of(), "x", "10.9.9.9").to("127.0.0.1", 22));

        for (ConnectionSpec spec : specs) {
            List<Finding> findings = SshdCrossCheck.system().compare(config, spec);
            assertThat(findings).as(spec.testSpec()).isEmpty();
        }
    }

    @Test
    void aMissingSshdIsReportedAsUnavailable() throws Exception {
        SshdConfigTest.writeSample(dir);
        List<Finding> findings = new SshdCrossCheck(dir.resolve("no-sshd")).compare(
                SshdConfig.read(dir.resolve("sshd_config")), SshdConfigTest.spec("bob", List.of(), null, null));
        assertThat(findings).extracting(Finding::id).containsExactly(SshdFindings.CROSSCHECK_UNAVAILABLE);
    }
}
