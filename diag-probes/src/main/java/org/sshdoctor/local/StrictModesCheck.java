package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.os.SecurePermissions;

/**
 * sshd's StrictModes check of one authorized_keys file ({@code misc.c safe_path}): on the realpath,
 * the file and every directory up to and including the home directory (up to / when the file is
 * outside home) must be owned by root or the user and have no group/other write bit, with Debian's
 * private-group exception when the build has it. Reports every failing element, each with the line
 * sshd logs for it (sshd itself logs only the first).
 */
final class StrictModesCheck {
    private final Accounts accounts;
    private final SshdBuild build;
    private final SecurePermissions securePermissions;

    StrictModesCheck(Accounts accounts, SshdBuild build) {
        this.accounts = accounts;
        this.build = build;
        this.securePermissions = new SecurePermissions(accounts, build.debianGroupRule());
    }

    List<Finding> check(Account account, Path file) {
        List<Finding> findings = new ArrayList<>();
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            findings.add(Finding.of(ServerAuthFindings.STRICTMODES_REALPATH, Severity.ERROR)
                    .title("sshd cannot resolve " + file + ": " + FileStat.strerror(e))
                    .evidence("sshdLog", "Authentication refused: realpath " + file + " failed: " + FileStat.strerror(e))
                    .fix("Fix the path or the symlink it goes through").build());
            return findings;
        }
        Optional<Path> home = realHome(account);
        FileStat st = stat(real);
        check(account, real, st, "file", findings);
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            check(account, dir, stat(dir), "directory", findings);
            if (home.isPresent() && home.get().equals(dir)) {
                break;
            }
        }
        return findings;
    }

    private void check(Account account, Path path, FileStat st, String kind, List<Finding> findings) {
        boolean ownerOk = st.uid() == 0 || st.uid() == account.uid();
        boolean otherWrite = (st.permissions() & 002) != 0;
        boolean groupWrite = (st.permissions() & 020) != 0;
        Optional<String> privateGroup = groupWrite ? securePermissions.privateGroup(st, account.uid()) : Optional.empty();
        boolean groupOk = !groupWrite || (build.debianGroupRule() && privateGroup.isPresent());
        if (ownerOk && !otherWrite && groupOk) {
            if (groupWrite) {
                findings.add(Finding.of(ServerAuthFindings.STRICTMODES_DEBIAN_GROUP, Severity.INFO)
                        .title("Group-writable " + kind + " " + path + " is accepted only by Debian's sshd")
                        .detail("Mode " + st.octal() + ": " + privateGroup.get() + ", so this sshd ("
                                + build.release().orElse("a Debian build") + ", with Debian's group rule) accepts it. "
                                + "Upstream OpenSSH (RHEL, Fedora, BSD, a self-built sshd) refuses it, and so does this "
                                + "one as soon as another user joins the group.")
                        .evidence("path", path).evidence("mode", st.octal()).evidence("rule", build.ruleDescription())
                        .fix("chmod g-w " + Shell.quote(path) + "   (works everywhere)").build());
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (!ownerOk) {
            problems.add("owned by " + accounts.describeUid(st.uid()) + ", not " + account.name() + " or root");
            fixes.add("chown " + account.name() + " " + Shell.quote(path));
        }
        if (otherWrite || !groupOk) {
            String why = groupWrite && !otherWrite ? (build.debianGroupRule()
                    ? " (Debian's private-group exception does not apply: " + securePermissions.sharing(st.gid()) + ")"
                    : privateGroup.isPresent() ? " (a Debian or Ubuntu sshd would accept this private group)" : "")
                    : "";
            problems.add("mode " + st.octal() + " is writable by " + st.otherWriters() + why);
            fixes.add("chmod go-w " + Shell.quote(path));
        }
        String reason = "bad ownership or modes for " + kind + " " + path;
        findings.add(Finding.of(kind.equals("file") ? ServerAuthFindings.STRICTMODES_FILE
                        : ServerAuthFindings.STRICTMODES_DIR, Severity.ERROR)
                .title("StrictModes refuses " + kind + " " + path + ": " + String.join("; ", problems))
                .detail("With StrictModes yes, sshd ignores an authorized_keys file unless it and every directory "
                        + "above it, up to the home directory, are owned by the user or root and not writable by "
                        + "others; the key is then silently \"not found\". Rule applied: " + build.ruleDescription() + ".")
                .evidence("path", path).evidence("owner", st.uid()).evidence("mode", st.octal())
                .evidence("sshdLog", "Authentication refused: " + reason)
                .clientMessage("Permission denied (publickey).")
                .fix(String.join(" && ", fixes)).build());
    }

    private static FileStat stat(Path path) {
        try {
            return FileStat.stat(path.toString());
        } catch (IOException e) {
            return new FileStat(-1, -1, 0777); // unreadable: sshd's stat fails, which it treats as bad
        }
    }

    private static Optional<Path> realHome(Account account) {
        try {
            return Optional.of(account.home().toRealPath());
        } catch (IOException e) {
            return Optional.empty(); // sshd then walks on to /
        }
    }
}
