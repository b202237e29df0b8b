package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.sshd.Setting;

/**
 * Host key files ({@code authfile.c sshkey_perm_ok}): a private key owned by sshd's uid (root) with
 * any group/other bit is refused as "bad permissions"; a configured key that is missing is skipped
 * with an error; with no loadable key at all sshd does not start.
 */
final class HostKeyCheck {
    private HostKeyCheck() {}

    static List<Finding> check(Setting hostKeys) {
        List<Finding> findings = new ArrayList<>();
        int usable = 0;
        for (String key : hostKeys.values()) {
            Path path = Path.of(key);
            FileStat st;
            try {
                st = FileStat.stat(key);
            } catch (IOException e) {
                if (!hostKeys.isDefault()) {
                    findings.add(Finding.of(ServerAuthFindings.HOSTKEY_MISSING, Severity.WARNING)
                            .title("Host key " + path + " does not exist")
                            .detail("HostKey is set at " + hostKeys.source() + "; sshd skips it with an error.")
                            .evidence("path", path).evidence("sshdLog", "Unable to load host key: " + path)
                            .fix("ssh-keygen -A creates the default host keys, or remove the HostKey line").build());
                }
                continue;
            }
            if (st.uid() == 0 && (st.permissions() & 077) != 0) {
                findings.add(Finding.of(ServerAuthFindings.HOSTKEY_BAD_MODES, Severity.ERROR)
                        .title("Host key " + path + " has mode " + st.octal() + ": sshd will not load it")
                        .detail("A private key readable by group or others is refused. sshd prints the "
                                + "UNPROTECTED PRIVATE KEY FILE banner and skips the key.")
                        .evidence("path", path).evidence("mode", st.octal())
                        .evidence("sshdLog", "Unable to load host key \"" + path + "\": bad permissions")
                        .fix("chmod 600 " + Shell.quote(path)).build());
                continue;
            }
            if (Files.isRegularFile(path)) {
                usable++;
            }
        }
        if (usable == 0 && !hostKeys.values().isEmpty()) {
            findings.add(Finding.of(ServerAuthFindings.HOSTKEY_MISSING, Severity.ERROR)
                    .title("No usable host key: sshd will not start")
                    .detail("None of " + hostKeys.values() + " can be loaded.")
                    .evidence("sshdLog", "sshd: no hostkeys available -- exiting.")
                    .fix("ssh-keygen -A && chmod 600 /etc/ssh/ssh_host_*_key").build());
        }
        return findings;
    }
}
