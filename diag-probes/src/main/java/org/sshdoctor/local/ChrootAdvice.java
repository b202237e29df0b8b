package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.model.Finding;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.os.FileStat;

/**
 * The finding for a chroot component that is not root-owned or is group/other-writable, with the
 * fix that fits: chown/chmod for a parent directory; for the jail itself, when its owner is the
 * user (the {@code ChrootDirectory %h} mistake), the layout that gives the user a writable place.
 */
final class ChrootAdvice {
    private ChrootAdvice() {}

    static Finding badOwnership(ChrootRequest request, String path, String component, boolean last, FileStat stat,
            Accounts accounts) {
        String kind = last ? "" : "component ";
        String sshdMessage = "bad ownership or modes for chroot directory " + kind + "\"" + component + "\"";
        List<String> problems = new ArrayList<>();
        if (stat.uid() != 0) {
            problems.add("owned by " + accounts.describeUid(stat.uid()) + ", not root");
        }
        if (stat.groupOrOtherWritable()) {
            problems.add("mode " + stat.octal() + " is writable by " + stat.otherWriters());
        }
        String quoted = Shell.quote(component);
        List<String> commands = new ArrayList<>();
        if (stat.uid() != 0) {
            commands.add("chown root:root " + quoted);
        }
        if (stat.groupOrOtherWritable()) {
            commands.add("chmod go-w " + quoted);
        }
        StringBuilder fix = new StringBuilder(String.join(" && ", commands));
        boolean userOwnedJail = last && request.account().map(a -> a.uid() == stat.uid()).orElse(stat.uid() != 0);
        if (userOwnedJail) {
            String user = request.account().map(Account::name).orElse("USER");
            fix.append("\nThe user then cannot write in the jail's top directory; give them a directory inside it:\n")
                    .append("  install -d -o ").append(user).append(" -g ").append(user).append(" -m 755 ")
                    .append(Shell.quote(path + "/upload")).append('\n')
                    .append("Or use one root-owned parent for all users and start each in their own directory:\n")
                    .append("  ChrootDirectory /srv/sftp            (root:root 755)\n")
                    .append("  ForceCommand internal-sftp -d /%u    (/srv/sftp/USER owned by the user)");
        }
        return ChrootWalk.base(ChrootFindings.BAD_OWNERSHIP, request, path, sshdMessage)
                .title("Chroot " + (last ? "directory " : "path component ") + component + ": "
                        + String.join("; ", problems))
                .detail("sshd requires every component of the ChrootDirectory, from / down to " + path
                        + ", to be owned by root (uid 0 exactly) and not writable by group or others, or a "
                        + "chrooted user could replace files the privileged login process uses. "
                        + "The check runs after authentication, so the login is accepted and then dropped. "
                        + "sshd logs only the first failing component.")
                .evidence("component", component)
                .evidence("owner", stat.uid())
                .evidence("mode", stat.octal())
                .fix(fix.toString())
                .build();
    }
}
