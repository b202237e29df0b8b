package org.sshdoctor.local;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.os.Account;

/**
 * What to check: a ChrootDirectory value as written in sshd_config, for one user, and the command
 * that will serve SFTP inside it.
 *
 * @param configured the ChrootDirectory value before expansion ({@code /srv/sftp/%u}, {@code %h}…)
 * @param source where the value came from ({@code /etc/ssh/sshd_config:120}, or {@code command line})
 * @param account the user logging in; needed for {@code %h %u %U ~}; empty checks the path as given
 * @param sftpCommand the command serving SFTP: ForceCommand when set, else the {@code Subsystem sftp} command
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ChrootRequest(String configured, String source, Optional<Account> account, Optional<String> sftpCommand) {
    public ChrootRequest {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sftpCommand, "sftpCommand");
    }

    /** A bare path, no user, no SFTP command: only the directory walk. */
    public static ChrootRequest path(String path) {
        return new ChrootRequest(path, "command line", Optional.empty(), Optional.empty());
    }
}
