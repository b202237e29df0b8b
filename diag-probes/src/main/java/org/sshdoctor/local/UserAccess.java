package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.os.Group;

/**
 * Whether a user could open a file for reading, from owner/group/other bits along the path
 * (sshd opens authorized_keys with the user's uid). Root can always. ACLs and SELinux are not seen.
 */
final class UserAccess {
    private final Account account;
    private final Set<Long> gids = new HashSet<>();

    UserAccess(Account account, Accounts accounts) {
        this.account = account;
        gids.add(account.gid());
        for (Group g : accounts.groups()) {
            if (g.members().contains(account.name())) {
                gids.add(g.gid());
            }
        }
    }

    /** The first element of the path the user cannot pass (a directory) or read (the file), or null. */
    Path firstDenied(Path file) {
        if (account.uid() == 0) {
            return null;
        }
        Path absolute = file.toAbsolutePath();
        for (int i = 0; i < absolute.getNameCount() - 1; i++) {
            Path dir = absolute.getRoot().resolve(absolute.subpath(0, i + 1));
            if (!allowed(dir, 1)) {
                return dir;
            }
        }
        return allowed(absolute, 4) ? null : absolute;
    }

    private boolean allowed(Path path, int bit) {
        FileStat st;
        try {
            st = FileStat.stat(path.toString());
        } catch (IOException e) {
            return true; // not there: the open fails with ENOENT, reported elsewhere
        }
        int p = st.permissions();
        if (st.uid() == account.uid()) {
            return (p & (bit << 6)) != 0;
        }
        if (gids.contains(st.gid())) {
            return (p & (bit << 3)) != 0;
        }
        return (p & bit) != 0;
    }
}
