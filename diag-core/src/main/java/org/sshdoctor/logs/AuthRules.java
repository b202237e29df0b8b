package org.sshdoctor.logs;

import static org.sshdoctor.logs.Rules.address;
import static org.sshdoctor.logs.Rules.optional;
import static org.sshdoctor.logs.Rules.optionalAddress;
import static org.sshdoctor.logs.Rules.port;
import static org.sshdoctor.logs.Rules.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sshdoctor.logs.LogEvent.Accepted;
import org.sshdoctor.logs.LogEvent.BadModes;
import org.sshdoctor.logs.LogEvent.CertificateRejected;
import org.sshdoctor.logs.LogEvent.Failed;
import org.sshdoctor.logs.LogEvent.InvalidUser;
import org.sshdoctor.logs.LogEvent.KeyRevoked;
import org.sshdoctor.logs.LogEvent.NotAllowed;
import org.sshdoctor.logs.LogEvent.Notice;
import org.sshdoctor.logs.LogEvent.PamFailure;
import org.sshdoctor.logs.LogEvent.RootRefused;
import org.sshdoctor.logs.LogEvent.TooManyFailures;

/**
 * Authentication messages of sshd (auth.c, auth2-*.c, PAM). The user name is attacker-controlled and
 * comes first, so patterns take it lazily and require sshd's own tail ("from A port P ssh2" followed by
 * the end or ": key"): a name such as "x from 10.0.0.1 port 1 ssh2" cannot move the source address.
 */
final class AuthRules {
    private static final String TAIL = " from (\\S+?)(?: port (\\d+))?(?: (?:ssh\\d?))?(?:: (.*))?";
    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z0-9-]+) (\\S*:\\S*)(?: ID (.*) \\(serial (\\d+)\\) CA (\\S+) (\\S+))?(?:,.*)?");

    private AuthRules() {}

    static void register(Rules r) {
        r.add("Accepted", "Accepted (\\S+) for (.*?)" + TAIL, (c, m) ->
                new Accepted(c.line(), text(m, 2), text(m, 1), address(m, 3), port(m, 4), key(m, 5)));
        r.add("Accepted", "Accepted (?:key|certificate) .*", (c, m) -> notice(c, "key-accepted"));
        r.add("Failed", "Failed (\\S+) for (invalid user |illegal user )?(.*?)" + TAIL, (c, m) -> {
            String user = text(m, 3);
            boolean invalid = m.group(2) != null || user.equals("<invalid username>");
            return new Failed(c.line(), user, invalid, text(m, 1), address(m, 4), port(m, 5), key(m, 6));
        });
        r.add("Postponed", "Postponed (\\S+) for (?:invalid user )?(.*?)" + TAIL, (c, m) ->
                new Notice(c.line(), "postponed", optional(m, 2), optionalAddress(m, 3)));
        r.add("Partial", "Partial (\\S+) for (?:invalid user )?(.*?)" + TAIL, (c, m) ->
                new Notice(c.line(), "partial-success", optional(m, 2), optionalAddress(m, 3)));
        for (String word : new String[] {"Invalid", "Illegal"}) {
            r.add(word, word + " user (.*?) from (\\S+?)(?: port (\\d+))?", (c, m) ->
                    new InvalidUser(c.line(), text(m, 1), address(m, 2), port(m, 3)));
        }
        r.add("input_userauth_request:", "input_userauth_request: (?:invalid|illegal) user (.*)", (c, m) ->
                new Notice(c.line(), "invalid-user-repeat", optional(m, 1), Optional.empty()));
        r.add("User", "User (.*?)(?: from (\\S+))? not allowed because (.*)", (c, m) ->
                new NotAllowed(c.line(), text(m, 1), optionalAddress(m, 2), text(m, 3)));
        r.add("Access", "Access denied for user (.*?) by PAM account configuration", (c, m) ->
                new NotAllowed(c.line(), text(m, 1), Optional.empty(), "PAM account configuration"));
        r.add("ROOT", "ROOT LOGIN REFUSED FROM (\\S+?)(?: port (\\d+))?", (c, m) ->
                new RootRefused(c.line(), address(m, 1), port(m, 2)));
        r.add("Root", "Root login accepted for forced command\\.?", (c, m) -> notice(c, "root-forced-command"));
        r.add("maximum", "maximum authentication attempts exceeded for (invalid user )?(.*?) from (\\S+?)(?: port (\\d+))?(?: ssh\\d?)?",
                (c, m) -> new TooManyFailures(c.line(), optional(m, 2), m.group(1) != null, optionalAddress(m, 3), port(m, 4)));
        r.add("Disconnecting:", "Disconnecting: Too many authentication failures(?: for (.*))?", (c, m) ->
                new TooManyFailures(c.line(), optional(m, 1), false, Optional.empty(), 0));
        r.add("Authentication", "Authentication key (\\S+) (\\S+) revoked by file (.*)", (c, m) ->
                new KeyRevoked(c.line(), text(m, 1), text(m, 2), text(m, 3)));
        r.add("Authentication", "Authentication refused: bad ownership or modes for (?:file|directory) (.*)", (c, m) ->
                new BadModes(c.line(), text(m, 1), false));
        r.add("Authentication", "Authentication refused for (\\S+): bad owner or modes for (.*)", (c, m) ->
                new BadModes(c.line(), text(m, 2), false));
        r.add("Authentication", "Authentication refused: (.*)", (c, m) -> notice(c, "authentication-refused"));
        r.add("Rhosts", "Rhosts authentication refused for (\\S+): bad ownership or modes for home directory\\.?", (c, m) ->
                new BadModes(c.line(), "home directory of " + text(m, 1), false));
        r.add("Certificate", "Certificate invalid: (.*)", (c, m) -> certificate(c, text(m, 1)));
        r.add("Certificate", "(Certificate lacks principal list|Certificate does not contain an authorized principal)", (c, m) ->
                certificate(c, text(m, 1)));
        r.add("Refused", "Refused by certificate options", (c, m) -> certificate(c, "refused by certificate options"));
        String tried = "(?:\\S+: )?Authentication tried for (.*?) with (valid certificate|correct key) but not from a permitted "
                + "(?:source address \\((.*)\\)|host \\(host=.*, ip=(.*), required=.*\\))\\.?";
        for (String word : new String[] {"cert:", "/", "Authentication"}) {
            r.add(word, tried, (c, m) -> m.group(2).equals("valid certificate")
                    ? new CertificateRejected(c.line(), "not from a permitted source address", optional(m, 1), optionalAddress(m, 3))
                    : new NotAllowed(c.line(), text(m, 1), optionalAddress(m, 4), "key not allowed from this address (from= in authorized_keys)"));
        }
        pam(r);
    }

    private static void pam(Rules r) {
        r.add("pam_unix(sshd:auth):", "pam_unix\\(sshd:auth\\): authentication failure;.* rhost=(\\S+)(?:\\s+user=(\\S+))?\\s*", (c, m) ->
                new PamFailure(c.line(), optional(m, 2), address(m, 1)));
        r.add("PAM:", "PAM: (?:[Aa]uthentication (?:failure|error)|User not known to the underlying authentication module|unknown user)"
                + " for (?:illegal user )?(.*?) from (\\S+?)(?: via \\S+)?\\s*", (c, m) ->
                new PamFailure(c.line(), optional(m, 1), address(m, 2)));
        r.add("PAM", "PAM (?:unable to dlopen|adding faulty module|\\[dlerror).*", (c, m) ->
                new LogEvent.ServerEvent(c.line(), LogEvent.ServerEvent.Kind.CONFIG_ERROR, c.line().message()));
        for (String word : new String[] {"pam_unix(sshd:auth):", "pam_unix(sshd:account):", "pam_systemd(sshd:session):",
                "pam_limits(sshd:session):", "pam_env(sshd:session):", "pam_access(sshd:account):", "pam_sss(sshd:auth):",
                "pam_listfile(sshd:auth):", "pam_nologin(sshd:account):", "PAM:", "PAM"}) {
            r.add(word, ".*", (c, m) -> notice(c, "pam"));
        }
    }

    private static CertificateRejected certificate(Rules.Context c, String reason) {
        return new CertificateRejected(c.line(), reason, Optional.empty(), Optional.empty());
    }

    private static Notice notice(Rules.Context c, String code) {
        return new Notice(c.line(), code, Optional.empty(), Optional.empty());
    }

    /** "RSA SHA256:..." / "ECDSA-CERT SHA256:... ID x (serial 1) CA ED25519 SHA256:..." after "ssh2: ". */
    static Optional<KeyInfo> key(Matcher m, int group) {
        String text = m.group(group);
        if (text == null) {
            return Optional.empty();
        }
        Matcher key = KEY.matcher(text);
        if (!key.matches()) {
            return Optional.empty();
        }
        Optional<KeyInfo.Certificate> certificate = key.group(3) == null ? Optional.empty()
                : Optional.of(new KeyInfo.Certificate(key.group(3), key.group(4), key.group(5), key.group(6)));
        return Optional.of(new KeyInfo(key.group(1), key.group(2), certificate));
    }
}
