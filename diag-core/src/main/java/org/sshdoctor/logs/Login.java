package org.sshdoctor.logs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One successful login and, when the log shows its end, how long the session lasted.
 *
 * @param time when sshd accepted the login
 * @param user the account
 * @param method password, publickey, keyboard-interactive/pam, hostbased, gssapi-with-mic, none
 * @param key the key or certificate used, for publickey logins that log it
 * @param address the client address
 * @param port the client port (0 when not logged)
 * @param host the server host as logged
 * @param pid the sshd process
 * @param duration how long the session lasted, when its end is in the log
 * @param ending how it ended (e.g. "disconnected by user", "client not responding"); empty while open
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Login(Optional<LocalDateTime> time, String user, String method, Optional<KeyInfo> key, String address,
        int port, String host, int pid, Optional<Duration> duration, String ending) {
    public Login {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(ending, "ending");
    }

    /** Collects a login while its session runs. */
    static final class Builder {
        final LogEvent.Accepted accepted;
        Login finished;

        Builder(LogEvent.Accepted accepted) {
            this.accepted = accepted;
        }

        Login build(Optional<LocalDateTime> end, String ending) {
            Optional<LocalDateTime> start = accepted.line().time();
            Optional<Duration> duration = start.isPresent() && end.isPresent() && !end.get().isBefore(start.get())
                    ? Optional.of(Duration.between(start.get(), end.get())) : Optional.empty();
            return new Login(start, accepted.user(), accepted.method(), accepted.key(), accepted.address(), accepted.port(),
                    accepted.line().host(), accepted.line().pid(), duration, ending);
        }
    }
}
