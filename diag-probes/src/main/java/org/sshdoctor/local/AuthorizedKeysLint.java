package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sshdoctor.model.AddressLiterals;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.openssh.Patterns;

/**
 * Reads authorized_keys as sshd does and reports lines that cannot work or do not do what they
 * seem to: a key wrapped over several lines, a key without its type, CRLF endings, options sshd
 * rejects, {@code from=} host names that never match with UseDNS no, duplicates, key types the
 * server does not accept, and keys hidden in comments. Never prints key material.
 */
final class AuthorizedKeysLint {
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+=*");
    private static final Pattern PRIVATE_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern PRIVATE_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_IN_TEXT = Pattern.compile("(^|\\s)(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+|sk-[a-z0-9-]+@openssh\\.com)\\s+AAAA");

    private final String file;
    private final List<String> accepted;
    private final boolean useDns;
    private final List<Finding> findings = new ArrayList<>();
    private final List<AuthorizedKey> keys = new ArrayList<>();
    private boolean previousBroken;

    /**
     * @param file the file name, for messages
     * @param accepted the effective PubkeyAcceptedAlgorithms list
     * @param useDns whether sshd resolves client names (UseDNS), without which from= names never match
     */
    AuthorizedKeysLint(String file, List<String> accepted, boolean useDns) {
        this.file = file;
        this.accepted = List.copyOf(accepted);
        this.useDns = useDns;
    }

    List<Finding> findings() {
        return findings;
    }

    /** The keys sshd can use, in file order. */
    List<AuthorizedKey> keys() {
        return keys;
    }

    AuthorizedKeysLint lint(String content) {
        String[] lines = content.split("\n", -1);
        List<Integer> crlf = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n];
            if (raw.endsWith("\r")) {
                crlf.add(n + 1);
                raw = raw.substring(0, raw.length() - 1);
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (KEY_IN_TEXT.matcher(line.substring(1)).find()) {
                    add(ServerAuthFindings.AUTHKEYS_COMMENTED_KEY, Severity.INFO, n + 1, "A key is commented out",
                            "The line starts with #, so sshd ignores the key on it.", "Remove the # to enable the key");
                }
                continue;
            }
            if (PRIVATE_BEGIN.matcher(line).matches()) {
                // Never quote what follows: it is private key material (PrivateKeyNeverPrintedTest).
                int end = n;
                while (end + 1 < lines.length && !PRIVATE_END.matcher(lines[end].strip()).matches()) {
                    end++;
                }
                add(ServerAuthFindings.AUTHKEYS_BAD_KEY, Severity.ERROR, n + 1, "A private key is pasted into this file",
                        "Lines " + (n + 1) + "-" + Math.min(end + 1, lines.length) + " hold a private key, not a public one: "
                                + "sshd cannot use them, and anyone who can read this file can use the key.",
                        "Delete those lines, paste the one line of the .pub file instead, and replace the key: "
                                + "it is no longer private");
                n = end;
                continue;
            }
            boolean continuation = previousBroken && startsWithBase64(line);
            previousBroken = false;
            if (!continuation) {
                lintLine(line, n + 1, n + 1 < lines.length ? lines[n + 1].strip() : "");
            }
        }
        if (!crlf.isEmpty()) {
            add(ServerAuthFindings.AUTHKEYS_CRLF, Severity.INFO, crlf.get(0),
                    crlf.size() + " line(s) end with CR LF (Windows line endings)",
                    "OpenSSH's sshd ignores the CR (its base64 decoder skips white space, and in a comment it does "
                            + "no harm), so this is not why a login fails; other SSH servers and scripts that parse "
                            + "the file may choke on it. Lines: " + crlf, "sed -i 's/\\r$//' " + file);
        }
        return this;
    }

    private void lintLine(String line, int n, String next) {
        String[] words = line.split("[ \t]+");
        if (!AuthorizedKey.isType(words[0])) {
            if (BASE64.matcher(words[0]).matches() && words[0].startsWith("AAAA")) {
                add(ServerAuthFindings.AUTHKEYS_NO_TYPE, Severity.ERROR, n, "A key without its type",
                        "The line starts with the key data; sshd needs the type first (ssh-ed25519 AAAA…).",
                        "Put the key type in front, e.g. ssh-ed25519 AAAA… (copy the whole line of the .pub file)");
                return;
            }
            if (words.length == 1 && line.length() >= 40 && BASE64.matcher(line).matches()) {
                add(ServerAuthFindings.AUTHKEYS_NO_TYPE, Severity.ERROR, n, "A line of base64 data without a key type",
                        "sshd reads it as options and rejects the line (it is not shown here: it may be key material).",
                        "Paste the whole line of the .pub file (type, key, comment); delete stray lines");
                return;
            }
            KeyOptions.Parsed options = KeyOptions.parse(line);
            if (!options.error().isEmpty()) {
                add(ServerAuthFindings.AUTHKEYS_BAD_OPTIONS, Severity.ERROR, n, "Options sshd rejects: " + options.error(),
                        "sshd ignores the whole line (debug log: bad key options: " + options.error() + ").",
                        "Fix the options: comma separated, no spaces, values in double quotes");
                return;
            }
            checkFrom(options.options().get("from"), n);
            words = line.substring(options.end()).strip().split("[ \t]+");
            if (!AuthorizedKey.isType(words[0])) {
                add(ServerAuthFindings.AUTHKEYS_NO_TYPE, Severity.ERROR, n, "No key type after the options",
                        "After the options sshd expects a key type such as ssh-ed25519.",
                        "Paste the whole line of the user's .pub file after the options");
                return;
            }
        }
        if (words.length < 2) {
            add(ServerAuthFindings.AUTHKEYS_BAD_KEY, Severity.ERROR, n, "A key type without key data",
                    "The line has " + words[0] + " but no key after it.", "Paste the whole line of the .pub file");
            return;
        }
        AuthorizedKey.Decoded decoded = AuthorizedKey.decode(words[0], words[1], n);
        if (decoded.key().isEmpty()) {
            previousBroken = true;
            boolean wrapped = words.length == 2 && startsWithBase64(next);
            add(wrapped ? ServerAuthFindings.AUTHKEYS_WRAPPED : ServerAuthFindings.AUTHKEYS_BAD_KEY, Severity.ERROR, n,
                    wrapped ? "A key is wrapped over several lines" : "Unusable key: " + decoded.error(),
                    "Each key must be on one line; " + decoded.error() + ", so sshd cannot match it.",
                    "Join the lines into one (an editor or terminal wrapped it): ssh-copy-id avoids this");
            return;
        }
        AuthorizedKey key = decoded.key().get();
        for (AuthorizedKey earlier : keys) {
            if (earlier.sameKey(key)) {
                add(ServerAuthFindings.AUTHKEYS_DUPLICATE, Severity.WARNING, n,
                        "The key of line " + n + " is already on line " + earlier.line(),
                        "sshd uses the first matching line, so the options of line " + n + " never apply.",
                        "Delete one of the two lines (keep the one with the options you want)");
            }
        }
        keys.add(key);
        if (key.algorithms().stream().noneMatch(a -> accepted.stream().anyMatch(p -> Patterns.matchPatternList(a, p, false) == 1))) {
            add(ServerAuthFindings.AUTHKEYS_TYPE_NOT_ACCEPTED, Severity.ERROR, n,
                    key.type() + " keys are not accepted by this server",
                    "PubkeyAcceptedAlgorithms does not include " + String.join(" or ", key.algorithms())
                            + "; sshd logs: userauth_pubkey: signature algorithm " + key.algorithms().get(0)
                            + " not in PubkeyAcceptedAlgorithms [preauth]",
                    "Give the user an ed25519 key (ssh-keygen -t ed25519), or add the type to PubkeyAcceptedAlgorithms");
        }
        String comment = String.join(" ", java.util.Arrays.asList(words).subList(2, words.length));
        if (KEY_IN_TEXT.matcher(comment).find()) {
            add(ServerAuthFindings.AUTHKEYS_COMMENTED_KEY, Severity.WARNING, n, "A second key is hidden in a comment",
                    "Two keys were pasted on one line; sshd reads only the first, the second is part of the comment.",
                    "Put each key on its own line");
        }
    }

    /** A line that goes on with base64 key data: the rest of a key wrapped on the line before. */
    private static boolean startsWithBase64(String line) {
        String first = line.split("[ \t]+")[0];
        return !first.isEmpty() && BASE64.matcher(first).matches() && !AuthorizedKey.isType(first)
                && line.split("[ \t]+").length <= 2;
    }

    private void checkFrom(String from, int n) {
        if (from == null) {
            return;
        }
        for (String pattern : from.split(",")) {
            String p = pattern.startsWith("!") ? pattern.substring(1) : pattern;
            boolean address = p.matches("[0-9.*?]+(/\\d+)?") || AddressLiterals.isIpv6(p.replaceAll("/\\d+$", ""));
            if (address && p.contains("/") && Patterns.addrMatchList(Optional.empty(), p) == -2) {
                add(ServerAuthFindings.AUTHKEYS_FROM_PATTERN, Severity.ERROR, n, "from=\"" + from + "\" has an invalid network " + p,
                        "sshd cannot parse " + p + " (host bits set beyond the mask, or a bad prefix length), so the key "
                                + "never matches.", "Write the network address, e.g. 10.0.0.0/8");
            } else if (!address && !useDns) {
                add(ServerAuthFindings.AUTHKEYS_FROM_PATTERN, Severity.WARNING, n,
                        "from=\"" + from + "\" names host " + p + " but UseDNS is no",
                        "With UseDNS no, sshd matches from= patterns against the client's address only, so the host "
                                + "name pattern " + p + " never matches.",
                        "Use the client's address or network in from=, or set UseDNS yes");
            }
        }
    }

    private void add(String id, Severity severity, int line, String title, String detail, String fix) {
        findings.add(Finding.of(id, severity).title(title + " (" + file + " line " + line + ")").detail(detail)
                .evidence("file", file).evidence("line", line).fix(fix).build());
    }
}
