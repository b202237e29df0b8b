package org.sshdoctor.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.os.FileStat;

/**
 * {@code safely_chroot}: the path must be absolute, then each prefix up to and including a
 * {@code /}, and finally the whole path, is stat()ed (following symlinks) and must be owned by
 * uid 0 exactly, have no group/other write bit, and be a directory, tested in that order. sshd stops
 * at the first failure; this walk reports every failing component, since each needs fixing, and
 * stops only where it cannot go on (a missing component).
 */
final class ChrootWalk {
    private static final int PATH_MAX = 4096;

    private ChrootWalk() {}

    static List<Finding> walk(String path, ChrootRequest request, Accounts accounts) {
        List<Finding> findings = new ArrayList<>();
        if (!path.startsWith("/")) {
            findings.add(base(ChrootFindings.NOT_ABSOLUTE, request, path, "chroot path does not begin at root")
                    .title("ChrootDirectory " + path + " is not an absolute path")
                    .detail("sshd requires the expanded ChrootDirectory to start with /. sshd -t does not check this; "
                            + "the login fails after authentication.")
                    .fix("Write the full path, e.g. ChrootDirectory /srv/sftp/%u (or %h for the home directory)")
                    .build());
            return findings;
        }
        if (path.length() >= PATH_MAX) {
            findings.add(base(ChrootFindings.NOT_ABSOLUTE, request, path, "chroot path too long")
                    .title("ChrootDirectory " + path.substring(0, 40) + "… is longer than PATH_MAX")
                    .fix("Use a shorter path").build());
            return findings;
        }
        for (int from = 0; from >= 0; ) {
            int slash = path.indexOf('/', from);
            boolean last = slash < 0;
            String component = last ? path : path.substring(0, slash + 1);
            from = last ? -1 : slash + 1;
            FileStat stat;
            try {
                stat = FileStat.stat(component);
            } catch (IOException e) {
                findings.add(missing(request, path, component, FileStat.strerror(e)));
                return findings;
            }
            String kind = last ? "" : "component ";
            if (stat.uid() != 0 || stat.groupOrOtherWritable()) {
                findings.add(ChrootAdvice.badOwnership(request, path, component, last, stat, accounts));
            } else if (!stat.isDirectory()) {
                findings.add(base(ChrootFindings.NOT_DIRECTORY, request, path,
                        "chroot path " + kind + "\"" + component + "\" is not a directory")
                        .title("Chroot path " + kind + component + " is not a directory")
                        .detail(component + " is a file, not a directory (symlinks are followed). sshd checks "
                                + "ownership first, then the type.")
                        .evidence("component", component)
                        .fix("Make " + component + " a root-owned directory: rm " + Shell.quote(component)
                                + " && install -d -o root -g root -m 755 " + Shell.quote(component))
                        .build());
            }
        }
        return findings;
    }

    private static Finding missing(ChrootRequest request, String path, String component, String error) {
        return base(ChrootFindings.MISSING, request, path, "safely_chroot: stat(\"" + component + "\"): " + error)
                .title("Chroot path component " + component + " cannot be reached: " + error)
                .detail("sshd stats every component of " + path + " at login; " + component + " fails with \""
                        + error + "\", so every chrooted login fails after authentication.")
                .evidence("component", component)
                .fix("Create it root-owned: install -d -o root -g root -m 755 " + Shell.quote(path))
                .build();
    }

    /** A finding pre-filled with what every chroot finding carries. */
    static Finding.Builder base(String id, ChrootRequest request, String path, String sshdMessage) {
        return Finding.of(id, Severity.ERROR)
                .evidence("chrootDirectory", request.configured())
                .evidence("expanded", path)
                .evidence("setAt", request.source())
                .evidence("user", request.account().map(Account::name).orElse("(any)"))
                .evidence("sshdLog", "fatal: " + sshdMessage)
                .clientMessage(ChrootFindings.CLIENT_SEES);
    }
}
