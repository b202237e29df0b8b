package org.sshdoctor.local;

import java.nio.file.Path;
import java.util.Optional;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * {@code authfile.c:sshkey_perm_ok}: a private key owned by the real uid must have no group or other
 * bit ({@code mode & 077}). Keys owned by someone else are never rejected for their mode; root has no
 * exemption.
 */
final class KeyPermissionRule {
    private KeyPermissionRule() {}

    static Optional<Finding> check(Path file, FileStat stat, long uid) {
        if (stat.uid() != uid || (stat.mode() & 077) == 0) {
            return Optional.empty();
        }
        String mode = stat.octalAsSshPrints();
        return Optional.of(Finding.of(LocalFindings.KEY_UNPROTECTED, Severity.ERROR)
                .title("Private key " + file + " is readable by others, so ssh ignores it")
                .detail("Mode " + mode + " gives the group or others access. ssh refuses to use a private key unless "
                        + "only its owner can read it, and moves on to the next identity.")
                .evidence("file", file)
                .evidence("mode", mode)
                .evidence("owner uid", stat.uid())
                .clientMessage("@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n"
                        + "Permissions " + mode + " for '" + file + "' are too open.\n"
                        + "It is required that your private key files are NOT accessible by others.\n"
                        + "This private key will be ignored.\n"
                        + "Load key \"" + file + "\": bad permissions")
                .fix("chmod 600 " + Shell.quote(file))
                .build());
    }
}
