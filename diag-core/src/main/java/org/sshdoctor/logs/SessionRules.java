package org.sshdoctor.logs;

import static org.sshdoctor.logs.Rules.optional;
import static org.sshdoctor.logs.Rules.optionalAddress;
import static org.sshdoctor.logs.Rules.port;
import static org.sshdoctor.logs.Rules.text;

import java.util.Optional;
import org.sshdoctor.logs.LogEvent.BadModes;
import org.sshdoctor.logs.LogEvent.ChildProcess;
import org.sshdoctor.logs.LogEvent.NotAllowed;
import org.sshdoctor.logs.LogEvent.Notice;
import org.sshdoctor.logs.LogEvent.ServerEvent;
import org.sshdoctor.logs.LogEvent.ServerEvent.Kind;
import org.sshdoctor.logs.LogEvent.SessionClosed;
import org.sshdoctor.logs.LogEvent.SessionOpened;
import org.sshdoctor.logs.LogEvent.SftpOperation;
import org.sshdoctor.logs.LogEvent.SftpSession;
import org.sshdoctor.logs.LogEvent.SubsystemRequest;

/** Sessions after login, SFTP (internal-sftp, sftp-server), chroot, and the server's own life. */
final class SessionRules {
    private static final String Q = "[\"\u201C](.*)[\"\u201D]"; // the seed quotes one path with typographic quotes

    private SessionRules() {}

    static void register(Rules r) {
        r.add("pam_unix(sshd:session):", "pam_unix\\(sshd:session\\): session opened for user (\\S+?)(?:\\(uid=\\d+\\))?(?: by.*)?", (c, m) ->
                new SessionOpened(c.line(), text(m, 1), Optional.empty(), 0, "login"));
        r.add("pam_unix(sshd:session):", "pam_unix\\(sshd:session\\): session closed for user (\\S+)\\s*", (c, m) ->
                new SessionClosed(c.line(), text(m, 1), Optional.empty(), 0));
        r.add("(pam_unix)", "\\(pam_unix\\) session opened for user (\\S+) by.*", (c, m) ->
                new SessionOpened(c.line(), text(m, 1), Optional.empty(), 0, "login"));
        r.add("(pam_unix)", "\\(pam_unix\\) session closed for user (\\S+)\\s*", (c, m) ->
                new SessionClosed(c.line(), text(m, 1), Optional.empty(), 0));
        r.add("(pam_unix)", "\\(pam_unix\\) authentication failure;.* rhost=(\\S+)(?:\\s+user=(\\S+))?\\s*", (c, m) ->
                new LogEvent.PamFailure(c.line(), optional(m, 2), Rules.address(m, 1)));
        r.add("(pam_unix)", "\\(pam_unix\\) .*", (c, m) -> notice(c, "pam"));
        r.add("Authorized", "Authorized to (\\S+), krb5 principal .*", (c, m) ->
                new Notice(c.line(), "kerberos-authorized", optional(m, 1), Optional.empty()));
        r.add("Starting", "Starting session: (.*?) for (\\S+) from (\\S+?) port (\\d+)(?: id \\d+)?", (c, m) ->
                new SessionOpened(c.line(), text(m, 2), optionalAddress(m, 3), port(m, 4), text(m, 1)));
        r.add("Close", "Close session: user (\\S+) from (\\S+?) port (\\d+)(?: id \\d+)?", (c, m) ->
                new SessionClosed(c.line(), text(m, 1), optionalAddress(m, 2), port(m, 3)));
        r.add("User", "User child is on pid (\\d+)", (c, m) -> new ChildProcess(c.line(), Integer.parseInt(text(m, 1))));
        r.add("subsystem", "subsystem request for (\\S+)(?: by user (\\S+))?( failed, subsystem not found)?", (c, m) ->
                new SubsystemRequest(c.line(), text(m, 1), optional(m, 2), m.group(3) != null));
        r.add("Connection", "Connection from user (.*) (\\S+) port (\\d+): refusing non-sftp session", (c, m) ->
                new NotAllowed(c.line(), text(m, 1), optionalAddress(m, 2), "non-sftp session refused (ForceCommand internal-sftp)"));
        r.add("Changed", "Changed root directory to " + Q, (c, m) -> notice(c, "chroot"));
        r.add("bad", "bad ownership or modes for chroot directory(?: component)? " + Q, (c, m) ->
                new BadModes(c.line(), text(m, 1), true));
        r.add("chroot", "chroot path .*", (c, m) -> new ServerEvent(c.line(), Kind.CONFIG_ERROR, c.line().message()));
        r.add("Unable", "Unable to chdir to chroot path .*", (c, m) -> new ServerEvent(c.line(), Kind.CONFIG_ERROR, c.line().message()));
        r.add("server", "server lacks privileges to chroot to ChrootDirectory", (c, m) -> new ServerEvent(c.line(), Kind.CONFIG_ERROR, c.line().message()));
        r.add("Transferred:", "Transferred: .*", (c, m) -> notice(c, "transferred"));
        r.add("Could", "Could not chdir to home directory .*", (c, m) -> notice(c, "home-directory-missing"));
        r.add("Attempt", "Attempt to write login records by non-root user.*", (c, m) -> notice(c, "login-records"));
        r.add("lastlog_openseek:", ".*", (c, m) -> notice(c, "login-records"));
        r.add("session_pty_cleanup2:", ".*", (c, m) -> notice(c, "session-cleanup"));
        r.add("syslogin_perform_logout:", ".*", (c, m) -> notice(c, "logout"));
        sftp(r);
        server(r);
    }

    private static void sftp(Rules r) {
        r.add("session", "session (opened|closed) for local user (\\S+) from \\[(.*)\\]", (c, m) ->
                new SftpSession(c.line(), text(m, 1).equals("opened"), text(m, 2), optionalAddress(m, 3)));
        r.add("open", "open " + Q + " flags (\\S+) mode (\\d+)", (c, m) ->
                new SftpOperation(c.line(), "open", text(m, 1), "flags " + text(m, 2) + " mode " + text(m, 3), 0, 0));
        r.add("close", "close " + Q + " bytes read (\\d+) written (\\d+)", (c, m) ->
                new SftpOperation(c.line(), "close", text(m, 1), "", Long.parseLong(text(m, 2)), Long.parseLong(text(m, 3))));
        for (String op : new String[] {"opendir", "closedir"}) {
            r.add(op, op + " " + Q, (c, m) -> new SftpOperation(c.line(), op, text(m, 1), "", 0, 0));
        }
        for (String op : new String[] {"remove", "rmdir"}) {
            r.add(op, op + " name " + Q, (c, m) -> new SftpOperation(c.line(), op, text(m, 1), "", 0, 0));
        }
        r.add("mkdir", "mkdir name " + Q + " mode (\\d+)", (c, m) -> new SftpOperation(c.line(), "mkdir", text(m, 1), "mode " + text(m, 2), 0, 0));
        r.add("rename", "rename old " + "[\"\u201C](.*)[\"\u201D] new [\"\u201C](.*)[\"\u201D]", (c, m) ->
                new SftpOperation(c.line(), "rename", text(m, 1), "to \"" + text(m, 2) + "\"", 0, 0));
        r.add("set", "set " + Q + " (.*)", (c, m) -> new SftpOperation(c.line(), "set", text(m, 1), text(m, 2), 0, 0));
        r.add("sent", "sent status (.*)", (c, m) -> new SftpOperation(c.line(), "status", "", text(m, 1), 0, 0));
        r.add("Refusing", "Refusing (.*)", (c, m) -> new SftpOperation(c.line(), "refused", "", text(m, 1), 0, 0));
        r.add("received", "received client version (\\d+)", (c, m) -> notice(c, "sftp-version"));
        r.add("bad", "bad message from (\\S+) local user (\\S+)", (c, m) ->
                new Notice(c.line(), "sftp-bad-message", optional(m, 2), optionalAddress(m, 1)));
        r.add("Malformed", "Malformed SSH_CONNECTION variable: .*", (c, m) -> notice(c, "sftp-bad-message"));
        r.add("chdir", "chdir to .* failed: .*", (c, m) -> new SftpOperation(c.line(), "status", "", c.line().message(), 0, 0));
    }

    private static void server(Rules r) {
        r.add("Server", "Server listening on (\\S+) port (\\d+)\\.?", (c, m) -> server(c, Kind.LISTENING));
        r.add("Received", "Received SIGHUP; restarting\\.?", (c, m) -> server(c, Kind.RESTARTING));
        r.add("Received", "Received signal \\d+; terminating\\.?", (c, m) -> server(c, Kind.TERMINATING));
        r.add("Bind", "Bind to port .* failed: .*", (c, m) -> server(c, Kind.CONFIG_ERROR));
        String[][] config = {
            {"Missing", "Missing privilege separation directory: .*"},
            {"/", "/\\S+ must be owned by root and not group or world-writable\\.?"},
            {"sshd:", "sshd: no hostkeys available -- exiting\\.?"},
            {"Unable", "Unable to load host key.*"},
            {"Could", "Could not (?:load|stat|open) .*"},
            {"Public", "Public key for .* does not match private key"},
            {"/", "\\S+:? line \\d+: .*"},
            {"AuthorizedKeysCommand", "AuthorizedKeysCommand.*"},
            {"Unsafe", "Unsafe AuthorizedKeysCommand.*"},
            {"AuthenticationMethods", "AuthenticationMethods cannot be satisfied.*"},
            {"Error", "Error checking authentication key .*"},
            {"User", "User '.*' authorized keys '.*' is not a regular file"},
            {"vdollar_percent_expand:", ".*"},
            {"sshd", "sshd re-exec requires execution with an absolute path"},
            {"Cannot", "Cannot bind any address\\.?"},
            {"reprocess", "reprocess config line \\d+: .*"},
            {"rexec", "rexec line \\d+: .*"},
        };
        for (String[] rule : config) {
            r.add(rule[0], rule[1], (c, m) -> server(c, Kind.CONFIG_ERROR));
        }
    }

    private static ServerEvent server(Rules.Context c, Kind kind) {
        return new ServerEvent(c.line(), kind, c.line().message());
    }

    private static Notice notice(Rules.Context c, String code) {
        return new Notice(c.line(), code, Optional.empty(), Optional.empty());
    }
}
