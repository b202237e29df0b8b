package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.testing.OpenSshServer;

/**
 * sshdoctor writes no file except an explicit output file (chroot --junit). Every command runs against
 * a home with keys, config, known_hosts and logs, and a real sshd; before and after, a full listing
 * with size, mode and modification time (nanoseconds) of that home, of the real ~/.ssh (known_hosts
 * above all) and of this module's directory (the working directory, build output excepted) must be
 * identical, and the only new file is the one named with --junit.
 */
class NoFilesWrittenTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @TempDir
    Path home;

    @TempDir
    Path output;

    @Test
    void noCommandWritesAFileItWasNotAskedToWrite() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        keygen(ssh.resolve("id_ed25519"));
        keygen(ssh.resolve("id_ecdsa"));
        Files.setPosixFilePermissions(ssh.resolve("id_ecdsa"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(ssh.resolve("known_hosts"), "[127.0.0.1]:" + SSHD.port() + " "
                + Files.readString(ssh.resolve("id_ed25519.pub")));
        Files.writeString(ssh.resolve("config"), "Host sshd\n  HostName 127.0.0.1\n  Port " + SSHD.port()
                + "\n  IdentityFile ~/.ssh/id_ecdsa\n  UserKnownHostsFile ~/.ssh/known_hosts\n");
        Files.writeString(ssh.resolve("authorized_keys"), Files.readString(ssh.resolve("id_ed25519.pub")));
        Path sshdConfig = Files.writeString(home.resolve("sshd_config"), "AuthorizedKeysFile " + ssh.resolve("authorized_keys")
                + "\nMatch User root\n  ChrootDirectory " + home + "\n");
        Path log = Files.writeString(home.resolve("auth.log"), "Mar 14 19:00:01 host sshd[7]: Accepted publickey for root "
                + "from 192.0.2.7 port 50000 ssh2: ED25519 SHA256:x\n");
        Path junit = output.resolve("chroot.xml");
        Path realSsh = Path.of(System.getProperty("user.home"), ".ssh");
        Path workingDirectory = Path.of("").toAbsolutePath();

        Map<String, String> before = listing(home, realSsh, workingDirectory, output);
        String endpoint = "127.0.0.1:" + SSHD.port();
        run("tester@" + endpoint);
        run("--json", "tester@" + endpoint);
        run("scan", endpoint, "127.0.0.1:" + CliTest.closedPort());
        run("local", "--home", home.toString());
        run("local", "--home", home.toString(), "--json", "sshd");
        run("local", "--home", home.toString(), "-F", ssh.resolve("config").toString(), "-o", "User=deploy", "sshd");
        run("local", "--server", "--user", "root", "--sshd-config", sshdConfig.toString());
        run("chroot", "--user", "root", "--sshd-config", sshdConfig.toString(), "--junit", junit.toString());
        run("logs", log.toString());
        run("logs", "--json", log.toString());
        CliRun.withStdin("Permission denied (publickey).\n", "explain");
        run("kb", "SSH-TCP-REFUSED");
        Map<String, String> after = listing(home, realSsh, workingDirectory, output);

        assertThat(Files.exists(junit)).as("the explicit output file was written").isTrue();
        after.remove(junit.toString());
        after.remove(output.toString()); // its mtime moved: the --junit file was created in it
        before.remove(output.toString());
        assertThat(after).isEqualTo(before);
    }

    private static void run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(String.join(" ", args) + "\n" + run.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
    }

    /** Every file and directory under the roots: path, type, size, mode and mtime (build output left out). */
    private static Map<String, String> listing(Path... roots) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                all.put(root.toString(), "absent");
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> !p.toString().contains("/target")).forEach(p -> {
                    try {
                        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        all.put(p.toString(), (a.isDirectory() ? "d " : "f ") + a.size() + " "
                                + PosixFilePermissions.toString(a.permissions()) + " " + a.lastModifiedTime().toInstant());
                    } catch (IOException e) {
                        all.put(p.toString(), "unreadable: " + e.getMessage());
                    }
                });
            }
        }
        return all;
    }

    private static void keygen(Path file) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }
}
