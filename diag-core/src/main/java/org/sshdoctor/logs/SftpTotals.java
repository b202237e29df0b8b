package org.sshdoctor.logs;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * SFTP counters for one account (or for all, as {@code *}): sessions opened and closed, files and bytes
 * read and written (a file counts as read or written when its close line shows bytes that way).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SftpTotals(String user, long logins, long logouts, long filesRead, long bytesRead, long filesWritten,
        long bytesWritten) {
    public SftpTotals {
        Objects.requireNonNull(user, "user");
    }

    SftpTotals plus(SftpTotals other) {
        return new SftpTotals(user, logins + other.logins, logouts + other.logouts, filesRead + other.filesRead,
                bytesRead + other.bytesRead, filesWritten + other.filesWritten, bytesWritten + other.bytesWritten);
    }
}
