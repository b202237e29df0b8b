package org.sshdoctor.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real OpenSSH client against a test server, to check that the message a finding quotes is
 * the one ssh really prints. BatchMode, no config, no known_hosts written, bounded in time.
 */
public final class RealSshClient {
    private RealSshClient() {}

    /** Runs {@code ssh … 127.0.0.1 true} and returns what it printed on stderr. */
    public static String stderrOf(int port, int connectTimeoutSeconds, String... extraOptions) throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        ServerProcess.requireInstalled(ssh);
        List<String> command = new ArrayList<>(List.of(ssh.toString(), "-F", "none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=" + connectTimeoutSeconds, "-p", String.valueOf(port)));
        command.addAll(List.of(extraOptions));
        command.addAll(List.of("tester@127.0.0.1", "true"));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(false).start();
        if (!process.waitFor(connectTimeoutSeconds + 10L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "(ssh did not end within " + (connectTimeoutSeconds + 10) + " s)";
        }
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code ssh … 127.0.0.1 true} with ConnectTimeout {@code connectTimeoutSeconds}: what it printed on
     * stderr if it ended within {@code waitSeconds}, empty if it was still waiting then (it is killed).
     */
    public static java.util.Optional<String> stderrIfEndedWithin(int port, int connectTimeoutSeconds, int waitSeconds)
            throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        ServerProcess.requireInstalled(ssh);
        java.io.File stderr = java.io.File.createTempFile("ssh-stderr", ".txt");
        Process process = new ProcessBuilder(ssh.toString(), "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=" + connectTimeoutSeconds, "-p", String.valueOf(port),
                "tester@127.0.0.1", "true").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr).start();
        try {
            return process.waitFor(waitSeconds, TimeUnit.SECONDS)
                    ? java.util.Optional.of(Files.readString(stderr.toPath(), StandardCharsets.UTF_8))
                    : java.util.Optional.empty();
        } finally {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr.toPath());
        }
    }

    static boolean exists(Path path) {
        return Files.exists(path);
    }
}
