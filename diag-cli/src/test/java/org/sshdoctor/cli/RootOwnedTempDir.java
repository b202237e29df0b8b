package org.sshdoctor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = RootOwnedTempDir.class)}: a directory sshd's ownership checks accept
 * (chroot and StrictModes paths must be root-owned from / down), so under /var/lib, mode 755, when
 * running as root; elsewhere the usual temp directory (those tests skip themselves unless root).
 * JUnit removes it after the test.
 */
final class RootOwnedTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = root ? Files.createTempDirectory(Path.of("/var/lib"), "sshdoctor-cli-")
                : Files.createTempDirectory("sshdoctor-cli-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        return base;
    }
}
