package org.sshdoctor.local;

import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.os.Account;

/**
 * Why sshd would accept or refuse a user's keys.
 *
 * @param account the user
 * @param rule the StrictModes rule of the installed sshd (upstream, or Debian's group exception)
 * @param keyFiles the AuthorizedKeysFile paths for this user, expanded, with the line that set them
 * @param findings what was found, in sshd's order of checks
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServerAuthResult(Account account, String rule, List<String> keyFiles, List<Finding> findings) {
    public ServerAuthResult {
        keyFiles = List.copyOf(keyFiles);
        findings = List.copyOf(findings);
    }

    public boolean needsAction() {
        return findings.stream().anyMatch(f -> f.severity().needsAction());
    }
}
