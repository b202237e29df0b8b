package org.sshdoctor.local;

import java.nio.file.Path;
import java.util.Optional;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The ~/.ssh directory. The client itself does not check its mode, but a group- or world-writable
 * ~/.ssh lets others replace keys and config, and makes sshd (StrictModes) refuse the account's
 * authorized_keys for logins into this machine.
 */
final class SshDirectoryRule {
    private SshDirectoryRule() {}

    static Optional<Finding> check(Path dir, Optional<FileStat> stat, long uid) {
        if (stat.isEmpty()) {
            return Optional.of(Finding.of(LocalFindings.SSHDIR_MISSING, Severity.INFO)
                    .title("There is no " + dir + " directory")
                    .detail("No keys, no config and no known_hosts yet: ssh creates the directory on first use. "
                            + "Public-key login needs a key: ssh-keygen creates one.")
                    .evidence("directory", dir)
                    .fix("ssh-keygen -t ed25519")
                    .build());
        }
        FileStat st = stat.get();
        if (!st.isDirectory()) {
            return Optional.of(Finding.of(LocalFindings.SSHDIR_PERMISSIONS, Severity.ERROR)
                    .title(dir + " is not a directory")
                    .detail("ssh expects its keys, config and known_hosts inside it.")
                    .evidence("directory", dir)
                    .fix("mv " + Shell.quote(dir) + " " + Shell.quote(dir + ".old") + " && mkdir -m 700 " + Shell.quote(dir))
                    .build());
        }
        boolean wrongOwner = st.uid() != uid && st.uid() != 0;
        if (!wrongOwner && (st.mode() & 022) == 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(LocalFindings.SSHDIR_PERMISSIONS, Severity.WARNING)
                .title(dir + " is " + (wrongOwner ? "owned by uid " + st.uid() : "writable by others (mode " + st.octalAsSshPrints() + ")"))
                .detail("Others could replace your keys or config. On a server, sshd's StrictModes also refuses "
                        + "authorized_keys in such a directory (\"Authentication refused: bad ownership or modes\").")
                .evidence("directory", dir)
                .evidence("mode", st.octalAsSshPrints())
                .evidence("owner uid", st.uid())
                .fix((wrongOwner ? "chown " + uid + " " + Shell.quote(dir) + "\n" : "") + "chmod 700 " + Shell.quote(dir))
                .build());
    }
}
