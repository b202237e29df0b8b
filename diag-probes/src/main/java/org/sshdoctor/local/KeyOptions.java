package org.sshdoctor.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options before a key in authorized_keys ({@code auth-options.c sshauthopt_parse}): flags and
 * {@code name="value"} pairs, comma separated, ending at the first unquoted blank. Unknown names and
 * unterminated quotes make sshd ignore the whole line.
 */
final class KeyOptions {
    private static final Set<String> FLAGS = Set.of("agent-forwarding", "cert-authority", "no-agent-forwarding",
            "no-port-forwarding", "no-pty", "no-user-rc", "no-x11-forwarding", "port-forwarding", "pty", "restrict",
            "user-rc", "x11-forwarding", "no-touch-required", "verify-required");
    private static final Set<String> VALUED = Set.of("command", "environment", "expiry-time", "from",
            "permitlisten", "permitopen", "principals", "tunnel");

    private KeyOptions() {}

    /** Parsed options and the index where the key type starts, or the reason sshd rejects them. */
    record Parsed(Map<String, String> options, int end, String error) {}

    static Parsed parse(String line) {
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int start = i;
            while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '-')) {
                i++;
            }
            String name = line.substring(start, i).toLowerCase(Locale.ROOT);
            String value = "";
            if (i < line.length() && line.charAt(i) == '=') {
                if (i + 1 >= line.length() || line.charAt(i + 1) != '"') {
                    return new Parsed(options, i, "option " + name + "= needs a quoted value");
                }
                StringBuilder v = new StringBuilder();
                i += 2;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i++;
                    }
                    v.append(line.charAt(i++));
                }
                if (i >= line.length()) {
                    return new Parsed(options, i, "missing end quote in option " + name);
                }
                i++;
                value = v.toString();
                if (!VALUED.contains(name)) {
                    return new Parsed(options, i, "unknown option " + name);
                }
            } else if (!FLAGS.contains(name)) {
                return new Parsed(options, i, name.isEmpty() ? "bad option syntax at column " + (i + 1)
                        : VALUED.contains(name) ? "option " + name + " needs a value" : "unknown option " + name);
            }
            options.put(name, value);
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i >= line.length() || line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return new Parsed(options, i, "");
            }
            return new Parsed(options, i, "unexpected '" + line.charAt(i) + "' after option " + name);
        }
        return new Parsed(options, i, "options but no key");
    }
}
