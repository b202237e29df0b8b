package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One log line split into its envelope (time, host, program, pid) and the program's message.
 *
 * @param source the file the line came from ({@code -} for standard input)
 * @param number the line's number in that file, from 1
 * @param time the wall-clock time the line carries, as written (time zone offsets are not applied);
 *     empty when the line has none
 * @param host the host name, empty when the format has none
 * @param program the program name without path ({@code sshd}, {@code internal-sftp}, ...); empty for a
 *     bare message without envelope
 * @param pid the process id, or -1 when the line has none
 * @param message the program's message, envelope removed
 * @param raw the whole line as read (invalid UTF-8 replaced by U+FFFD)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LogLine(String source, long number, Optional<LocalDateTime> time, String host, String program,
        int pid, String message, String raw) {

    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raw, "raw");
    }

    /** True when the program is one of the SSH servers or SFTP servers this package understands. */
    public boolean fromSshProgram() {
        return Programs.isSsh(program);
    }

    /** True when the line has no recognisable envelope: the message is the whole line. */
    public boolean bare() {
        return program.isEmpty();
    }
}
