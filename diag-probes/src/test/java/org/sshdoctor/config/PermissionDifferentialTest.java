package org.sshdoctor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.os.Account;

/**
 * "Bad owner or permissions": our verdict on an Included file (and on the -F file itself, which ssh does
 * not check) against the installed ssh -G, for several modes, including Debian's group-write exception.
 */
class PermissionDifferentialTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rw-rw-rw-, rw-r--r--", "rw-rw-r--, rw-r--r--", "rw-r--rw-, rw-r--r--", "rw-r--r--, rw-r--rw-",
        "rw-------, rw-rw-rw-"})
    void sameVerdictAsSsh(String includedMode, String configMode) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no OpenSSH client installed");
        Path included = dir.resolve("included");
        Files.writeString(included, "User fromincluded\n");
        Path config = dir.resolve("config");
        Files.writeString(config, "Include " + included + "\n");
        Files.setPosixFilePermissions(included, PosixFilePermissions.fromString(includedMode));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(configMode));

        ResolvedConfig ours = ConfigResolver.resolve(ConfigRequest.forHost("h", Account.current(), Map.of())
                .withConfigFile(Optional.of(config.toString())));
        boolean weRefuse = ours.problems().stream().anyMatch(p -> p.kind() == ConfigProblem.Kind.BAD_PERMISSIONS);
        assertEquals(sshRefuses(config), weRefuse, includedMode + " / " + configMode + ": " + ours.problems());
    }

    private static boolean sshRefuses(Path config) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/ssh", "-G", "-F", config.toString(), "h").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out.contains("Bad owner or permissions on");
    }
}
