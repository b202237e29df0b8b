package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ssh-keygen / ssh-add / ssh-agent for tests; every process is waited for (or killed). */
final class Tools {
    private Tools() {}

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ssh-keygen")) && Files.isExecutable(Path.of("/usr/bin/ssh-agent"));
    }

    static String run(List<String> command, String... env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }

    /** ssh-keygen -t TYPE -N PASSPHRASE -f FILE, mode 0600. */
    static Path key(Path file, String type, String passphrase) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", file.getFileName().toString(), "-f", file.toString()));
        return file;
    }

    /** Signs KEY.pub with CA: ssh-keygen -s CA -I id -n PRINCIPALS -V VALIDITY [-O option]. */
    static Path certificate(Path ca, Path key, String principals, String validity, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-s", ca.toString(), "-I", "test-cert", "-n",
                principals, "-V", validity));
        for (String option : options) {
            command.addAll(List.of("-O", option));
        }
        command.add(key + ".pub");
        run(command);
        return Path.of(key + "-cert.pub");
    }

    static void chmod(Path file, String perms) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
}
