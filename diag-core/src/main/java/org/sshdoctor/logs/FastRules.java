package org.sshdoctor.logs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sshdoctor.logs.LogEvent.Disconnected.Ending;
import org.sshdoctor.logs.LogEvent.Disconnected.UserState;

/**
 * Hand-written parsers for the handful of messages that make up almost every line of a busy auth.log
 * (Failed, Accepted, Invalid user, Connection from, connection endings, pam_unix failures). They give
 * the same results as the regex rules in {@link AuthRules} and {@link ConnectionRules} (the corpus and
 * seed tests run through both paths) at a fraction of the cost; anything unusual returns null and the
 * regex rules decide.
 */
final class FastRules {
    private static final Pattern KEY = Pattern.compile(
            "([A-Za-z0-9-]+) (\\S*:\\S*)(?: ID (.*) \\(serial (\\d+)\\) CA (\\S+) (\\S+))?(?:,.*)?");

    private FastRules() {}

    /** The event, or null when the message is not one of the fast forms (or looks unusual). */
    static LogEvent match(Rules.Context c, String m) {
        if (m.isEmpty()) {
            return null;
        }
        switch (m.charAt(0)) {
            case 'F':
                return m.startsWith("Failed ") ? auth(c, m, false) : null;
            case 'A':
                return m.startsWith("Accepted ") ? auth(c, m, true) : null;
            case 'I':
                return m.startsWith("Invalid user ") ? invalidUser(c, m) : null;
            case 'C':
                if (m.startsWith("Connection closed by ")) {
                    return ending(c, m, "Connection closed by ".length(), Ending.CLOSED);
                }
                if (m.startsWith("Connection reset by ")) {
                    return ending(c, m, "Connection reset by ".length(), Ending.RESET);
                }
                return m.startsWith("Connection from ") ? connection(c, m) : null;
            case 'D':
                if (m.startsWith("Disconnecting ")) {
                    return disconnecting(c, m);
                }
                return m.startsWith("Disconnected from ") ? ending(c, m, "Disconnected from ".length(), Ending.DISCONNECTED) : null;
            case 'm':
                return m.startsWith("maximum authentication attempts exceeded for ") ? maximum(c, m) : null;
            case 'k':
                return m.startsWith("kex_exchange_identification: ") ? kexIdentification(c, m) : null;
            case 'B':
                return m.startsWith("Bad password attempt for '") ? dropbearBadPassword(c, m, 26)
                        : m.startsWith("Bad PAM password attempt for '") ? dropbearBadPassword(c, m, 30) : null;
            case 'U':
                return m.startsWith("Unable to negotiate with ") ? negotiate(c, m) : null;
            case 'p':
                if (m.startsWith("pam_unix(sshd:session): session ")) {
                    return pamSession(c, m);
                }
                return m.startsWith("pam_unix(sshd:auth): authentication failure;") ? pam(c, m) : null;
            case 'R':
                return m.startsWith("Received disconnect from ") ? received(c, m) : null;
            case 's':
                return m.startsWith("session ") ? sftpSession(c, m) : null;
            case 'o':
            case 'c':
                return sftpFile(c, m);
            default:
                return null;
        }
    }

    /** "Failed|Accepted METHOD for [invalid user ]USER from A[ port P][ sshN][: KEY]". */
    private static LogEvent auth(Rules.Context c, String m, boolean accepted) {
        int methodStart = accepted ? 9 : 7;
        int methodEnd = m.indexOf(' ', methodStart);
        if (methodEnd <= methodStart || !m.startsWith(" for ", methodEnd)) {
            return null;
        }
        String method = m.substring(methodStart, methodEnd);
        int userStart = methodEnd + 5;
        boolean invalid = false;
        if (!accepted && (m.startsWith("invalid user ", userStart) || m.startsWith("illegal user ", userStart))) {
            invalid = true;
            userStart += 13;
        }
        for (int from = m.indexOf(" from ", userStart); from >= 0; from = m.indexOf(" from ", from + 1)) {
            Tail tail = tail(m, from + 6);
            if (tail == UNSURE) {
                return null;
            }
            if (tail != null) {
                String user = m.substring(userStart, from);
                Optional<KeyInfo> key = tail.suffix == null ? Optional.empty() : key(tail.suffix);
                String address = Addresses.normalise(tail.address);
                if (accepted) {
                    return new LogEvent.Accepted(c.line(), user, method, address, tail.port, key);
                }
                invalid |= user.equals("<invalid username>");
                return new LogEvent.Failed(c.line(), user, invalid, method, address, tail.port, key);
            }
        }
        return null;
    }

    /** What follows " from ": the address, the port, the protocol and the ": suffix". */
    private record Tail(String address, int port, String suffix) {}

    /** A tail the regex might read differently (odd address or port): give the whole line to the regex rules. */
    private static final Tail UNSURE = new Tail("", 0, null);

    private static Tail tail(String m, int start) {
        int end = m.indexOf(' ', start);
        int addressEnd = end < 0 ? m.length() : end;
        if (addressEnd == start) {
            return null;
        }
        String address = m.substring(start, addressEnd);
        if (address.endsWith(":")) {
            return UNSURE; // "from A: ..." is unusual: let the regex rules decide
        }
        int i = addressEnd;
        int port = 0;
        if (m.startsWith(" port ", i)) {
            int digits = i + 6;
            int j = digits;
            while (j < m.length() && j - digits < 6 && isDigit(m.charAt(j))) {
                j++;
            }
            if (j - digits > 5) {
                return UNSURE;
            }
            if (j == digits) {
                return null;
            }
            port = (int) decimal(m, digits, j, 5);
            i = j;
        }
        if (m.startsWith(" ssh", i)) {
            i += 4;
            if (i < m.length() && isDigit(m.charAt(i))) {
                i++;
            }
        }
        if (i == m.length()) {
            return new Tail(address, port, null);
        }
        return m.startsWith(": ", i) ? new Tail(address, port, m.substring(i + 2)) : null;
    }

    private static Optional<KeyInfo> key(String suffix) {
        // The usual suffix "TYPE FINGERPRINT" (no certificate, nothing after): read it without the regex,
        // which would give the same (its fingerprint group takes the whole rest when it has no white space).
        int space = suffix.indexOf(' ');
        if (space > 0 && keyType(suffix, space) && suffix.indexOf(':', space + 1) >= 0 && noWhiteSpace(suffix, space + 1)) {
            return Optional.of(new KeyInfo(suffix.substring(0, space), suffix.substring(space + 1), Optional.empty()));
        }
        Matcher key = KEY.matcher(suffix);
        if (!key.matches()) {
            return Optional.empty();
        }
        Optional<KeyInfo.Certificate> certificate = key.group(3) == null ? Optional.empty()
                : Optional.of(new KeyInfo.Certificate(key.group(3), key.group(4), key.group(5), key.group(6)));
        return Optional.of(new KeyInfo(key.group(1), key.group(2), certificate));
    }

    /** [A-Za-z0-9-]+ up to {@code end}. */
    private static boolean keyType(String s, int end) {
        for (int i = 0; i < end; i++) {
            char ch = s.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    /** No character of the regex class \s (space, tab, newline, vertical tab, form feed, carriage return) from {@code from} on. */
    private static boolean noWhiteSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch >= '\t' && ch <= '\r') {
                return false;
            }
        }
        return true;
    }

    /** "kex_exchange_identification: REASON" or "...: client sent invalid protocol identifier "V"". */
    private static LogEvent kexIdentification(Rules.Context c, String m) {
        if (hasLineTerminator(m)) {
            return null; // the regex's "." stops at them
        }
        String rest = m.substring(29);
        String invalid = "client sent invalid protocol identifier \"";
        if (rest.length() > invalid.length() && rest.startsWith(invalid) && rest.endsWith("\"")) {
            String version = rest.substring(invalid.length(), rest.length() - 1);
            return new LogEvent.BannerProblem(c.line(), Optional.empty(), 0, "invalid protocol identifier",
                    version.isEmpty() ? Optional.empty() : Optional.of(version));
        }
        return new LogEvent.BannerProblem(c.line(), Optional.empty(), 0, rest, Optional.empty());
    }

    /**
     * Dropbear's "Bad [PAM ]password attempt for 'U' from A:P", in its plain form only (no {@code <>}
     * around the address, no white space after " from "); other forms go to the regex rules.
     */
    private static LogEvent dropbearBadPassword(Rules.Context c, String m, int userStart) {
        int from = m.lastIndexOf("' from ");
        if (from < userStart || hasLineTerminator(m)) {
            return null;
        }
        int start = from + 7;
        int colon = m.lastIndexOf(':');
        if (colon <= start || !noWhiteSpace(m, start) || m.indexOf('<', start) >= 0 || m.indexOf('>', start) >= 0) {
            return null;
        }
        for (int i = colon + 1; i < m.length(); i++) {
            if (m.charAt(i) < '0' || m.charAt(i) > '9') {
                return null;
            }
        }
        if (colon + 1 == m.length()) {
            return null;
        }
        int port = m.length() - (colon + 1) > 5 ? 0 : Integer.parseInt(m, colon + 1, m.length(), 10); // as Rules.port
        return new LogEvent.Failed(c.line(), m.substring(userStart, from), false, "password",
                Addresses.normalise(m.substring(start, colon)), port, Optional.empty());
    }

    /** Characters the regex "." does not match. */
    private static boolean hasLineTerminator(String m) {
        for (int i = 0; i < m.length(); i++) {
            char ch = m.charAt(i);
            if (ch == '\n' || ch == '\r' || ch == '\u0085' || ch == '\u2028' || ch == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** "Invalid user USER from A[ port P]": the last " from " whose tail has no further spaces but " port P". */
    private static LogEvent invalidUser(Rules.Context c, String m) {
        int userStart = 13;
        for (int from = m.indexOf(" from ", userStart - 1); from >= 0; from = m.indexOf(" from ", from + 1)) {
            int start = from + 6;
            int end = m.indexOf(' ', start);
            int port = 0;
            if (end >= 0) {
                if (!m.startsWith(" port ", end)) {
                    continue;
                }
                if (m.length() - (end + 6) > 5) {
                    return null; // a port the regex reads and this parser does not: let the regex rules decide
                }
                port = digitsToEnd(m, end + 6);
                if (port < 0) {
                    continue;
                }
            }
            int addressEnd = end < 0 ? m.length() : end;
            if (addressEnd == start || from < userStart - 1) {
                continue;
            }
            String user = from < userStart ? "" : m.substring(userStart, from);
            return new LogEvent.InvalidUser(c.line(), user, Addresses.normalise(m.substring(start, addressEnd)), port);
        }
        return null;
    }

    /** "Connection from A port P[ on L port LP[ rdomain R]]". */
    private static LogEvent connection(Rules.Context c, String m) {
        int start = 16;
        int end = m.indexOf(' ', start);
        if (end < 0 || !m.startsWith(" port ", end)) {
            return null;
        }
        int portEnd = m.indexOf(' ', end + 6);
        int port = digits(m, end + 6, portEnd < 0 ? m.length() : portEnd);
        if (port < 0) {
            return null;
        }
        String local = "";
        int localPort = 0;
        if (portEnd >= 0) {
            if (!m.startsWith(" on ", portEnd)) {
                return null;
            }
            int localEnd = m.indexOf(' ', portEnd + 4);
            if (localEnd < 0 || !m.startsWith(" port ", localEnd)) {
                return null;
            }
            local = m.substring(portEnd + 4, localEnd);
            int lpEnd = m.indexOf(' ', localEnd + 6);
            localPort = digits(m, localEnd + 6, lpEnd < 0 ? m.length() : lpEnd);
            if (localPort < 0 || (lpEnd >= 0 && !m.startsWith(" rdomain ", lpEnd))) {
                return null;
            }
        }
        return new LogEvent.Connected(c.line(), Addresses.normalise(m.substring(start, end)), port, local, localPort);
    }

    /** "[authenticating user|invalid user|user] U A port P" or "A[ port P]" after "Connection closed by" etc. */
    private static LogEvent ending(Rules.Context c, String m, int start, Ending ending) {
        UserState state = m.startsWith("authenticating user ", start) ? UserState.AUTHENTICATING
                : m.startsWith("invalid user ", start) ? UserState.INVALID
                : m.startsWith("user ", start) ? UserState.AUTHENTICATED : UserState.NONE;
        if (state != UserState.NONE) {
            int form = state == UserState.AUTHENTICATING ? 19 : state == UserState.INVALID ? 12 : 4;
            int portAt = m.lastIndexOf(" port ");
            int port = portAt < 0 ? -1 : digitsToEnd(m, portAt + 6);
            int addressStart = portAt < 0 ? -1 : m.lastIndexOf(' ', portAt - 1) + 1;
            // the user field runs from start + form + 1 to addressStart - 1 and may be empty, never negative
            // ("Connection closed by invalid user 192.0.2.1 port 22" names no user: the regex rules decide)
            if (port < 0 || addressStart - 1 < start + form + 1 || addressStart >= portAt) {
                return null;
            }
            String user = m.substring(start + form + 1, addressStart - 1);
            return new LogEvent.Disconnected(c.line(), ending, Optional.of(user), state,
                    Optional.of(Addresses.normalise(m.substring(addressStart, portAt))), port, c.preauth(), "");
        }
        int end = m.indexOf(' ', start);
        int port = 0;
        if (end >= 0) {
            if (!m.startsWith(" port ", end)) {
                return null;
            }
            port = digitsToEnd(m, end + 6);
            if (port < 0) {
                return null;
            }
        }
        String address = Addresses.normalise(m.substring(start, end < 0 ? m.length() : end));
        if (address.isEmpty()) {
            return null;
        }
        return new LogEvent.Disconnected(c.line(), ending, Optional.empty(), UserState.NONE,
                address.equals("UNKNOWN") ? Optional.empty() : Optional.of(address), port, c.preauth(), "");
    }

    /** "pam_unix(sshd:auth): authentication failure; ... rhost=A[  user=U]". */
    private static LogEvent pam(Rules.Context c, String m) {
        int rhost = m.indexOf(" rhost=");
        if (rhost < 0) {
            return null;
        }
        int start = rhost + 7;
        int end = start;
        while (end < m.length() && !Character.isWhitespace(m.charAt(end))) {
            end++;
        }
        if (end == start) {
            return null;
        }
        Optional<String> user = Optional.empty();
        int u = m.indexOf(" user=", end);
        if (u >= 0) {
            int userEnd = u + 6;
            while (userEnd < m.length() && !Character.isWhitespace(m.charAt(userEnd))) {
                userEnd++;
            }
            if (m.substring(userEnd).isBlank() && userEnd > u + 6) {
                user = Optional.of(m.substring(u + 6, userEnd));
            } else {
                return null;
            }
        } else if (!m.substring(end).isBlank()) {
            return null;
        }
        return new LogEvent.PamFailure(c.line(), user, Addresses.normalise(m.substring(start, end)));
    }

    /** "maximum authentication attempts exceeded for [invalid user ]U from A[ port P][ sshN]". */
    private static LogEvent maximum(Rules.Context c, String m) {
        int userStart = 45;
        boolean invalid = m.startsWith("invalid user ", userStart);
        if (invalid) {
            userStart += 13;
        }
        for (int from = m.indexOf(" from ", userStart); from >= 0; from = m.indexOf(" from ", from + 1)) {
            Tail tail = tail(m, from + 6);
            if (tail == UNSURE) {
                return null;
            }
            if (tail != null && tail.suffix == null) {
                String user = m.substring(userStart, from);
                return new LogEvent.TooManyFailures(c.line(), user.isEmpty() ? Optional.empty() : Optional.of(user), invalid,
                        Optional.of(Addresses.normalise(tail.address)).filter(a -> !a.isEmpty() && !a.equals("UNKNOWN")), tail.port);
            }
            if (tail != null) {
                return null; // a ": suffix" the regex rejects at this " from " but may accept at a later one
            }
        }
        return null;
    }

    /**
     * "Disconnecting authenticating user|invalid user|user U A port P: reason" (the user is greedy, as in the
     * regex: the last " A port P: " wins) and "Disconnecting A port P: reason".
     */
    private static LogEvent disconnecting(Rules.Context c, String m) {
        UserState state = m.startsWith("authenticating user ", 14) ? UserState.AUTHENTICATING
                : m.startsWith("invalid user ", 14) ? UserState.INVALID
                : m.startsWith("user ", 14) ? UserState.AUTHENTICATED : UserState.NONE;
        if (state == UserState.NONE) {
            return null; // "Disconnecting A port P: ..." and "Disconnecting: ..." stay with the regex rules
        }
        int userStart = 14 + (state == UserState.AUTHENTICATING ? 20 : state == UserState.INVALID ? 13 : 5);
        for (int at = m.lastIndexOf(" port "); at > userStart; at = m.lastIndexOf(" port ", at - 1)) {
            int colon = m.indexOf(": ", at + 6);
            int addressStart = m.lastIndexOf(' ', at - 1) + 1;
            if (colon < 0 || digits(m, at + 6, colon) < 0 || addressStart - 1 < userStart - 1 || addressStart >= at) {
                continue;
            }
            if (colon - (at + 6) > 5) {
                return null;
            }
            return new LogEvent.Disconnected(c.line(), Ending.DISCONNECTING, Optional.of(m.substring(userStart, addressStart - 1)),
                    state, Optional.of(Addresses.normalise(m.substring(addressStart, at))), digits(m, at + 6, colon), c.preauth(),
                    m.substring(colon + 2));
        }
        return null;
    }

    /** "Unable to negotiate with A port P: no matching WHAT found. Their offer: LIST". */
    private static LogEvent negotiate(Rules.Context c, String m) {
        int start = 25;
        int space = m.indexOf(' ', start);
        if (space < 0 || !m.startsWith(" port ", space)) {
            return null;
        }
        int colon = m.indexOf(": no matching ", space);
        int found = colon < 0 ? -1 : m.indexOf(" found. Their offer: ", colon);
        if (found < 0 || digits(m, space + 6, colon) < 0 || m.indexOf(" found", colon + 14) != found) {
            return null;
        }
        String offer = m.substring(found + 21).strip();
        java.util.List<String> list = offer.isEmpty() ? java.util.List.of()
                : java.util.Arrays.stream(offer.split(",")).filter(x -> !x.isEmpty()).toList();
        String address = Addresses.normalise(m.substring(start, space));
        return new LogEvent.NegotiationFailed(c.line(), Optional.of(address).filter(a -> !a.isEmpty() && !a.equals("UNKNOWN")),
                digits(m, space + 6, colon), m.substring(colon + 14, found), list);
    }

    /** "pam_unix(sshd:session): session opened for user U[(uid=N)] by ..." / "... session closed for user U". */
    private static LogEvent pamSession(Rules.Context c, String m) {
        int at = "pam_unix(sshd:session): session ".length();
        boolean opened = m.startsWith("opened for user ", at);
        if (!opened && !m.startsWith("closed for user ", at)) {
            return null;
        }
        int start = at + 16;
        int end = start;
        while (end < m.length() && m.charAt(end) != ' ' && m.charAt(end) != '(') {
            end++;
        }
        if (end == start) {
            return null;
        }
        String user = m.substring(start, end);
        if (opened) {
            int rest = end;
            if (m.startsWith("(uid=", rest)) {
                rest = m.indexOf(')', rest) + 1;
                if (rest == 0) {
                    return null;
                }
            }
            if (rest != m.length() && !m.startsWith(" by", rest)) {
                return null;
            }
            return new LogEvent.SessionOpened(c.line(), user, Optional.empty(), 0, "login");
        }
        return m.substring(end).isBlank() ? new LogEvent.SessionClosed(c.line(), user, Optional.empty(), 0) : null;
    }

    /** "Received disconnect from A port P:N: reason" (or the older "from A: N: reason"). */
    private static LogEvent received(Rules.Context c, String m) {
        int start = 25;
        int space = m.indexOf(' ', start);
        if (space < 0 || !m.startsWith(" port ", space)) {
            return null; // the old form without port: the regex rules handle it
        }
        int colon = m.indexOf(':', space + 6);
        int port = colon < 0 ? -1 : digits(m, space + 6, colon);
        int codeEnd = colon < 0 ? -1 : m.indexOf(':', colon + 1);
        if (port < 0 || codeEnd < 0 || digits(m, colon + 1, codeEnd) < 0) {
            return null;
        }
        String address = Addresses.normalise(m.substring(start, space));
        return new LogEvent.Disconnected(c.line(), Ending.RECEIVED_DISCONNECT, Optional.empty(), UserState.NONE,
                address.equals("UNKNOWN") ? Optional.empty() : Optional.of(address), port, c.preauth(), m.substring(codeEnd + 1).strip());
    }

    /** "session opened|closed for local user U from [A]" of internal-sftp and sftp-server. */
    private static LogEvent sftpSession(Rules.Context c, String m) {
        boolean opened = m.startsWith("session opened for local user ");
        if (!opened && !m.startsWith("session closed for local user ")) {
            return null;
        }
        int start = 30;
        int space = m.indexOf(' ', start);
        if (space <= start || !m.startsWith(" from [", space) || !m.endsWith("]") || m.indexOf(' ', space + 7) >= 0) {
            return null;
        }
        String address = Addresses.normalise(m.substring(space + 7, m.length() - 1));
        return new LogEvent.SftpSession(c.line(), opened, m.substring(start, space),
                address.isEmpty() || address.equals("UNKNOWN") ? Optional.empty() : Optional.of(address));
    }

    /** "open "P" flags F mode M" and "close "P" bytes read N written M", with plain double quotes. */
    private static LogEvent sftpFile(Rules.Context c, String m) {
        boolean open = m.startsWith("open \"");
        if (!open && !m.startsWith("close \"")) {
            return null;
        }
        int start = open ? 6 : 7;
        if (open) {
            int flags = m.lastIndexOf("\" flags ");
            int mode = m.lastIndexOf(" mode ");
            if (flags < start || mode < flags + 8 || m.indexOf(' ', flags + 8) != mode || digitsToEnd(m, mode + 6) < 0
                    || m.length() - (mode + 6) > 5) {
                return null;
            }
            return new LogEvent.SftpOperation(c.line(), "open", m.substring(start, flags),
                    "flags " + m.substring(flags + 8, mode) + " mode " + m.substring(mode + 6), 0, 0);
        }
        int read = m.lastIndexOf("\" bytes read ");
        int written = m.lastIndexOf(" written ");
        if (read < start || written < read + 13) {
            return null;
        }
        long bytesRead = number(m, read + 13, written);
        long bytesWritten = number(m, written + 9, m.length());
        if (bytesRead < 0 || bytesWritten < 0) {
            return null;
        }
        return new LogEvent.SftpOperation(c.line(), "close", m.substring(start, read), "", bytesRead, bytesWritten);
    }

    private static long number(String m, int from, int to) {
        return decimal(m, from, to, 18);
    }

    private static int digitsToEnd(String m, int from) {
        return digits(m, from, m.length());
    }

    private static int digits(String m, int from, int to) {
        return (int) decimal(m, from, to, 5);
    }

    /*
     * Numbers are read here rather than with Character.isDigit and Integer.parseInt, which cost a table lookup
     * per character and were a tenth of the classifier's samples (a port or a pid on nearly every line). Only
     * ASCII is read here: any other character sends the whole field to the general code, so digits of other
     * scripts, which Character.isDigit and parseInt accept, still count exactly as before.
     */

    /** Same as {@link Character#isDigit(char)}, without the table lookup for ASCII. */
    private static boolean isDigit(char c) {
        return c <= '9' ? c >= '0' : c >= 128 && Character.isDigit(c);
    }

    /** The value of {@code m[from..to)} when it is 1 to {@code maxDigits} digits, else -1. */
    private static long decimal(String m, int from, int to, int maxDigits) {
        if (to - from < 1 || to - from > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = m.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else if (c < 128) {
                return -1;
            } else {
                return anyScriptDecimal(m, from, to);
            }
        }
        return value;
    }

    private static long anyScriptDecimal(String m, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(m.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(m, from, to, 10);
    }
}
