package org.sshdoctor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real users, trees and logins for tests that must agree with sshd: throwaway accounts (CI runs as
 * root), a root-owned base directory outside /tmp (chroot paths must be root-owned all the way
 * down), and sftp/ssh logins with a generated key. Everything created is removed by {@link #close()}.
 */
public final class SystemFixtures implements AutoCloseable {
    private final List<String> users = new ArrayList<>();
    private final Path base;

    private SystemFixtures(Path base) {
        this.base = base;
    }

    /** Skips the test unless running as root on Linux with useradd. */
    public static SystemFixtures create() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CI runs as root)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "needs useradd");
        Path parent = Files.isDirectory(Path.of("/var/lib")) ? Path.of("/var/lib") : Path.of("/");
        Path base = Files.createTempDirectory(parent, "sshdoctor-test-");
        run("chmod", "755", base.toString());
        return new SystemFixtures(base);
    }

    public Path base() {
        return base;
    }

    /** A fresh account with a usable (non-locked) shadow entry, so sshd lets it log in with a key. */
    public String user(String prefix) throws IOException {
        return user(prefix, null, "/bin/sh", "*");
    }

    /** A fresh account with this home (null: /home/NAME, not created), shell and shadow password field. */
    public String user(String prefix, Path home, String shell, String password) throws IOException {
        String name = prefix + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        String dir = home == null ? "/home/" + name : home.resolve(name).toString();
        for (int attempt = 0; ; attempt++) {
            // useradd fails when another process holds the passwd lock: try again a few times.
            if (runStatus("useradd", "-M", "-U", "-d", dir, "-s", shell, "-p", password, name) == 0) {
                break;
            }
            if (attempt == 5) {
                throw new IOException("useradd " + name + " kept failing");
            }
            sleep(200);
        }
        users.add(name);
        return name;
    }

    /** Creates a directory with this owner and mode (parents must exist). */
    public Path dir(Path path, String owner, String mode) throws IOException {
        Files.createDirectories(path);
        run("chown", owner, path.toString());
        run("chmod", mode, path.toString());
        return path;
    }

    /** Runs a command, failing with its output if it fails. */
    public static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    /** Runs a command and returns its exit status and output. */
    public static Result runResult(List<String> command, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "(timed out)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public record Result(int status, String output) {}

    private static int runStatus(String... command) throws IOException {
        return runResult(List.of(command), 60).status();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        for (String user : users) {
            runStatus("userdel", user);
            runStatus("groupdel", user);
        }
        runStatus("rm", "-rf", "--one-file-system", base.toString());
    }
}
