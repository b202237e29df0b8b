package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.model.Finding;

/** A binary KRL is read by OpenSSH's own ssh-keygen -Q, so the verdict is the one sshd applies. */
class RevokedKeysKrlTest {
    @TempDir
    Path dir;

    private AuthorizedKey newKey(String name) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString());
        String[] fields = Files.readString(dir.resolve(name + ".pub")).split(" ");
        return AuthorizedKey.decode(fields[0], fields[1].strip(), 1).key().orElseThrow();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aKeyRevokedInABinaryKrlIsReportedAndTheOthersAreNot() throws Exception {
        AuthorizedKey revoked = newKey("revoked");
        AuthorizedKey fine = newKey("fine");
        Path krl = dir.resolve("revoked.krl");
        run("ssh-keygen", "-k", "-f", krl.toString(), dir.resolve("revoked.pub").toString());

        List<Finding> findings = RevokedKeysCheck.check(krl.toString(), "sshd_config:7", List.of(fine, revoked));

        assertThat(findings).extracting(Finding::id).containsExactly(ServerAuthFindings.REVOKEDKEYS_LISTED);
        assertThat(findings.get(0).evidence().get("fingerprint")).isEqualTo(revoked.fingerprint());
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("sshdoctor-krl-"))).isEmpty();
        }
    }

    @Test
    void anUnreadableKrlGivesNoVerdictRatherThanAWrongOne() throws Exception {
        AuthorizedKey key = newKey("k");
        Path krl = dir.resolve("broken.krl");
        Files.write(krl, "SSHKRL\n\0garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        List<Finding> findings = RevokedKeysCheck.check(krl.toString(), "sshd_config:7", List.of(key));
        assertThat(findings).extracting(Finding::id).containsExactly(ServerAuthFindings.REVOKEDKEYS_NOT_CHECKED);
    }
}
