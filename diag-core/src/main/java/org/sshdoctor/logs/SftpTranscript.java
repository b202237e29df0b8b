package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One SFTP session (internal-sftp or sftp-server at LogLevel INFO or more): who, from where, and every
 * file transferred with its byte counts, in order.
 *
 * @param user the account ("?" when the log lacks the session-open line)
 * @param address the client, when the SFTP server logged it ("[UNKNOWN]" in a chroot without /dev/log gives none)
 * @param host the server host as logged
 * @param pid the SFTP server process
 * @param opened when the session opened
 * @param closed when it closed; empty when the log ends first
 * @param files the files closed with byte counts (at most {@value #MAX_FILES}, the rest only counted)
 * @param changes removes, renames, mkdir, rmdir and attribute changes (at most {@value #MAX_FILES})
 * @param errors statuses sent back ("Permission denied", "No such file") and refusals (at most 10)
 * @param bytesRead bytes the client downloaded
 * @param bytesWritten bytes the client uploaded
 * @param filesRead files closed after reading any byte
 * @param filesWritten files closed after writing any byte
 * @param directoriesListed opendir requests
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SftpTranscript(String user, Optional<String> address, String host, int pid, Optional<LocalDateTime> opened,
        Optional<LocalDateTime> closed, List<FileTransfer> files, List<String> changes, List<String> errors,
        long bytesRead, long bytesWritten, long filesRead, long filesWritten, long directoriesListed) {
    static final int MAX_FILES = 100;

    public SftpTranscript {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(closed, "closed");
        files = List.copyOf(files);
        changes = List.copyOf(changes);
        errors = List.copyOf(errors);
    }

    /**
     * One file the session closed.
     *
     * @param path the path as the server logged it (inside the chroot, if any)
     * @param bytesRead bytes read from it
     * @param bytesWritten bytes written to it
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record FileTransfer(String path, long bytesRead, long bytesWritten) {
        public FileTransfer {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Collects a session while it runs. */
    static final class Builder {
        String user = "?";
        Optional<String> address = Optional.empty();
        final String host;
        final int pid;
        LocalDateTime opened;
        final List<FileTransfer> files = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long bytesRead;
        long bytesWritten;
        long filesRead;
        long filesWritten;
        long directoriesListed;

        Builder(String host, int pid) {
            this.host = host;
            this.pid = pid;
        }

        void operation(LogEvent.SftpOperation op) {
            switch (op.operation()) {
                case "close" -> {
                    bytesRead += op.bytesRead();
                    bytesWritten += op.bytesWritten();
                    filesRead += op.bytesRead() > 0 ? 1 : 0;
                    filesWritten += op.bytesWritten() > 0 ? 1 : 0;
                    if (files.size() < MAX_FILES) {
                        files.add(new FileTransfer(op.path(), op.bytesRead(), op.bytesWritten()));
                    }
                }
                case "opendir" -> directoriesListed++;
                case "remove", "rename", "mkdir", "rmdir", "set" -> {
                    if (changes.size() < MAX_FILES) {
                        changes.add(op.describe());
                    }
                }
                case "status", "refused" -> {
                    if (errors.size() < 10) {
                        errors.add(op.detail());
                    }
                }
                default -> { } // open, closedir: the close line carries what matters
            }
        }

        SftpTranscript build(Optional<LocalDateTime> closed) {
            return new SftpTranscript(user, address, host, pid, Optional.ofNullable(opened), closed, files, changes, errors,
                    bytesRead, bytesWritten, filesRead, filesWritten, directoriesListed);
        }
    }
}
