package org.sshdoctor.logs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one log line means. Every line becomes exactly one event: the typed ones below, {@link Debug}
 * for sshd's debug output, {@link OtherProgram} for lines of programs other than the SSH servers, and
 * {@link Unrecognised} for the rest (counted and shown, never dropped). Ports are 0 when the line has
 * none; addresses are as logged (an IP address, or a host name when sshd resolved it).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface LogEvent {
    /** The line this event was read from. */
    LogLine line();

    /** The account the line names, if any. */
    default Optional<String> account() {
        return Optional.empty();
    }

    /** The client address the line names, if any. */
    default Optional<String> source() {
        return Optional.empty();
    }

    /** One line for humans (untrusted parts are not sanitised here: renderers do that). */
    String describe();

    /** The stable event type used in JSON ({@code failed}, {@code key-revoked} ...). */
    default String type() {
        return EventTypes.of(getClass());
    }

    private static String at(String address, int port) {
        return port > 0 ? address + " port " + port : address;
    }

    /** "Connection from A port P on L port LP" (LogLevel VERBOSE), Dropbear's "Child connection from". */
    record Connected(LogLine line, String address, int port, String localAddress, int localPort) implements LogEvent {
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() { return "connection from " + at(address, port); }
    }

    /** A successful authentication: "Accepted METHOD for USER from A port P ssh2[: KEY]". */
    record Accepted(LogLine line, String user, String method, String address, int port, Optional<KeyInfo> key)
            implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() {
            return user + " logged in with " + method + key.map(k -> " (" + k.describe() + ")").orElse("")
                    + " from " + at(address, port);
        }
    }

    /** A failed attempt: "Failed METHOD for [invalid user] USER from A port P ssh2[: KEY]". */
    record Failed(LogLine line, String user, boolean invalidUser, String method, String address, int port,
            Optional<KeyInfo> key) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() {
            return "failed " + method + " for " + (invalidUser ? "invalid user " : "") + user
                    + key.map(k -> " (" + k.describe() + ")").orElse("") + " from " + at(address, port);
        }
    }

    /** A PAM authentication failure (pam_unix or sshd's "error: PAM: ..."), usually echoing a Failed line. */
    record PamFailure(LogLine line, Optional<String> user, String address) implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() { return "PAM authentication failure" + user.map(u -> " for " + u).orElse("") + " from " + address; }
    }

    /** "Invalid user USER from A port P": the account does not exist. */
    record InvalidUser(LogLine line, String user, String address, int port) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() { return "invalid user " + user + " from " + at(address, port); }
    }

    /** "User U from H not allowed because REASON" (AllowUsers, DenyGroups, locked account, shell ...). */
    record NotAllowed(LogLine line, String user, Optional<String> address, String reason) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return user + address.map(a -> " from " + a).orElse("") + " not allowed: " + reason; }
    }

    /** "ROOT LOGIN REFUSED FROM A": PermitRootLogin refused root. */
    record RootRefused(LogLine line, String address, int port) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of("root"); }
        @Override public Optional<String> source() { return Optional.of(address); }
        @Override public String describe() { return "root login refused from " + at(address, port); }
    }

    /** MaxAuthTries reached: "maximum authentication attempts exceeded for ...", "Too many authentication failures". */
    record TooManyFailures(LogLine line, Optional<String> user, boolean invalidUser, Optional<String> address, int port)
            implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() {
            return "too many authentication failures" + user.map(u -> " for " + (invalidUser ? "invalid user " : "") + u).orElse("")
                    + address.map(a -> " from " + at(a, port)).orElse("");
        }
    }

    /** How a connection ended, and at which stage the user was. */
    record Disconnected(LogLine line, Ending ending, Optional<String> user, UserState userState, Optional<String> address,
            int port, boolean preauth, String reason) implements LogEvent {
        /** The wording sshd used. */
        public enum Ending { CLOSED, RESET, DISCONNECTED, RECEIVED_DISCONNECT, DISCONNECTING }

        /** "authenticating user", "invalid user", "user" (logged in) or none. */
        public enum UserState { NONE, AUTHENTICATING, INVALID, AUTHENTICATED }

        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() {
            return ending.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + user.map(u -> " " + userState.name().toLowerCase(Locale.ROOT) + " user " + u).orElse("")
                    + address.map(a -> " " + at(a, port)).orElse("") + (preauth ? " before authentication" : "")
                    + (reason.isEmpty() ? "" : ": " + reason);
        }
    }

    /** "Unable to negotiate with A port P: no matching WHAT found. Their offer: LIST". */
    record NegotiationFailed(LogLine line, Optional<String> address, int port, String what, List<String> offer)
            implements LogEvent {
        public NegotiationFailed {
            offer = List.copyOf(offer);
        }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() {
            return "no matching " + what + address.map(a -> " with " + at(a, port)).orElse("")
                    + (offer.isEmpty() ? "" : "; client offered " + String.join(",", offer));
        }
    }

    /** LoginGraceTime expired: "Timeout before authentication for A port P". */
    record PreauthTimeout(LogLine line, Optional<String> address, int port) implements LogEvent {
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return "timeout before authentication" + address.map(a -> " for " + at(a, port)).orElse(""); }
    }

    /** The identification exchange failed: no banner, a bad banner, SSH-1, kex_exchange_identification. */
    record BannerProblem(LogLine line, Optional<String> address, int port, String reason, Optional<String> clientVersion)
            implements LogEvent {
        @Override public Optional<String> source() { return address; }
        @Override public String describe() {
            return "banner exchange failed" + address.map(a -> " with " + at(a, port)).orElse("") + ": " + reason
                    + clientVersion.map(v -> " (client " + v + ")").orElse("");
        }
    }

    /** The client's software version (debug output, "probed from", LogLevel VERBOSE variants). */
    record ClientVersion(LogLine line, Optional<String> address, int port, String version) implements LogEvent {
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return "client software " + version + address.map(a -> " from " + at(a, port)).orElse(""); }
    }

    /** "Authentication key TYPE FP revoked by file F": a key listed in RevokedKeys was tried. */
    record KeyRevoked(LogLine line, String keyType, String fingerprint, String file) implements LogEvent {
        @Override public String describe() { return "revoked key " + keyType + " " + fingerprint + " tried (" + file + ")"; }
    }

    /** A user certificate was refused (expired, not yet valid, principal, source address, options). */
    record CertificateRejected(LogLine line, String reason, Optional<String> user, Optional<String> address)
            implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() {
            return "certificate refused: " + reason + user.map(u -> " for " + u).orElse("") + address.map(a -> " from " + a).orElse("");
        }
    }

    /** StrictModes or chroot checks refused a path: "bad ownership or modes for ...". */
    record BadModes(LogLine line, String path, boolean chroot) implements LogEvent {
        @Override public String describe() { return (chroot ? "chroot directory " : "authorized keys path ") + path + " has bad ownership or modes"; }
    }

    /** A login session started (pam_unix session opened, "Starting session: ..."). */
    record SessionOpened(LogLine line, String user, Optional<String> address, int port, String kind) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return kind + " session opened for " + user + address.map(a -> " from " + at(a, port)).orElse(""); }
    }

    /** A login session ended (pam_unix session closed, "Close session: ...", Dropbear's "Exit (user)"). */
    record SessionClosed(LogLine line, String user, Optional<String> address, int port) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return "session closed for " + user + address.map(a -> " from " + at(a, port)).orElse(""); }
    }

    /** "User child is on pid N": the session continues in another process. */
    record ChildProcess(LogLine line, int childPid) implements LogEvent {
        @Override public String describe() { return "session continues in pid " + childPid; }
    }

    /** "subsystem request for NAME [by user U] [failed, subsystem not found]". */
    record SubsystemRequest(LogLine line, String name, Optional<String> user, boolean failed) implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public String describe() { return "subsystem " + name + " requested" + user.map(u -> " by " + u).orElse("") + (failed ? ": not found" : ""); }
    }

    /** An established client stopped answering (ClientAlive timeout, broken pipe, host down, read error). */
    record KeepaliveLost(LogLine line, Optional<String> user, Optional<String> address, int port, String reason)
            implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return "client dropped" + address.map(a -> " " + at(a, port)).orElse("") + ": " + reason; }
    }

    /** "session opened|closed for local user U from [A]" of internal-sftp or sftp-server. */
    record SftpSession(LogLine line, boolean opened, String user, Optional<String> address) implements LogEvent {
        @Override public Optional<String> account() { return Optional.of(user); }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return "SFTP session " + (opened ? "opened" : "closed") + " for " + user + address.map(a -> " from " + a).orElse(""); }
    }

    /**
     * One SFTP request the server logged: open, close (with byte counts), opendir, closedir, remove, mkdir,
     * rmdir, rename, set (attributes), status (a "sent status" error), refused.
     */
    record SftpOperation(LogLine line, String operation, String path, String detail, long bytesRead, long bytesWritten)
            implements LogEvent {
        @Override public String describe() {
            String text = operation + (path.isEmpty() ? "" : " \"" + path + "\"") + (detail.isEmpty() ? "" : " " + detail);
            return operation.equals("close") ? text + " (read " + bytesRead + ", written " + bytesWritten + " bytes)" : text;
        }
    }

    /** The server itself: listening, restarting, stopping, or a configuration/runtime error it reported. */
    record ServerEvent(LogLine line, Kind kind, String detail) implements LogEvent {
        /** What happened to the server. */
        public enum Kind { LISTENING, RESTARTING, TERMINATING, CONFIG_ERROR, RUNTIME_ERROR }

        @Override public String describe() { return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + detail; }
    }

    /** A known message that needs no analysis of its own (reverse DNS, Postponed, tcp-wrappers refusals ...). */
    record Notice(LogLine line, String code, Optional<String> user, Optional<String> address) implements LogEvent {
        @Override public Optional<String> account() { return user; }
        @Override public Optional<String> source() { return address; }
        @Override public String describe() { return code + ": " + line.message(); }
    }

    /** sshd debug output ({@code debug1:} ... {@code debug3:}). */
    record Debug(LogLine line, int level) implements LogEvent {
        @Override public String describe() { return line.message(); }
    }

    /** A line of another program (CRON, sudo, systemd ...) found in the same log. */
    record OtherProgram(LogLine line) implements LogEvent {
        @Override public String describe() { return line.program() + ": " + line.message(); }
    }

    /** An SSH server line sshdoctor does not know (yet). Counted and shown. */
    record Unrecognised(LogLine line) implements LogEvent {
        @Override public String describe() { return line.message(); }
    }
}
