package org.sshdoctor.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.os.Account;
import org.sshdoctor.testing.OpenSshServer;

/**
 * The scenario end to end in a diagnosis: six agent keys before the authorized key file, a real
 * sshd with the default MaxAuthTries; the finding names key #7 and the fix, and after the fix the key is
 * accepted first.
 */
class PublicKeyProbeTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer("PubkeyAuthentication yes");

    @TempDir
    Path home;

    private Path keygen(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", file.getFileName().toString(),
                "-f", file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        return file;
    }

    private Report diagnose(Map<String, String> env) {
        List<Probe> probes = new ArrayList<>(Doctor.standardProbes());
        probes.add(new PublicKeyProbe(Account.current().withHome(home), env));
        Target target = Target.of("127.0.0.1", SSHD.port(), Account.current().name());
        return Doctor.withProbes(probes).diagnose(target, DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)),
                DiagnosisListener.NONE);
    }

    @Test
    void workingKeyBehindSixAgentKeysIsFoundAndTheFixWorks() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")), "ssh-agent is not installed");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Path work = keygen(ssh.resolve("work_ed25519"));
        Files.writeString(SSHD.authorizedKeys(), Files.readString(Path.of(work + ".pub")));
        Files.writeString(ssh.resolve("config"), "Host 127.0.0.1\n    IdentityFile ~/.ssh/work_ed25519\n");
        Path socket = home.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 200 && !Files.exists(socket); i++) {
                Thread.sleep(25);
            }
            for (int i = 1; i <= 6; i++) {
                Path key = keygen(home.resolve("agent/k" + i));
                ProcessBuilder builder = new ProcessBuilder("ssh-add", "-q", key.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("SSH_AUTH_SOCK", socket.toString());
                Process add = builder.start();
                assertTrue(add.waitFor(30, TimeUnit.SECONDS) && add.exitValue() == 0);
            }
            Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString());
            Report report = diagnose(env);
            List<Finding> tooLate = report.findings(AuthFindings.PUBKEY_TOO_MANY_FAILURES);
            assertEquals(1, tooLate.size(), report.findings().toString());
            assertTrue(tooLate.get(0).title().startsWith("The server accepts key #7 (" + work + ")"), tooLate.get(0).title());
            assertTrue(tooLate.get(0).fix().contains("IdentitiesOnly yes"));

            Files.writeString(ssh.resolve("config"), "Host 127.0.0.1\n    IdentitiesOnly yes\n    IdentityFile ~/.ssh/work_ed25519\n");
            List<Finding> accepted = diagnose(env).findings(AuthFindings.PUBKEY_ACCEPTED);
            assertEquals(1, accepted.size());
            assertTrue(accepted.get(0).title().startsWith("The server accepts key #1 (" + work + ")"), accepted.get(0).title());
        } finally {
            agent.destroy();
            if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }
}
