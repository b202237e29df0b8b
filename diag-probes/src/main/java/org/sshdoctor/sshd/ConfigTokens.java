package org.sshdoctor.sshd;

import java.util.List;
import java.util.Optional;
import org.sshdoctor.openssh.ArgvSplit;

/**
 * Splits sshd_config lines exactly as sshd does: the keyword with {@code strdelim} (whitespace or
 * one {@code =}), the arguments with {@code argv_split} (quotes, backslash escapes, {@code #}
 * starting a word ends the line). Returns empty when sshd would report "invalid quotes".
 */
final class ConfigTokens {
    private ConfigTokens() {}

    /** A line cut into its keyword and the raw text after it. */
    record KeywordLine(String keyword, String rest) {}

    /**
     * The keyword and the rest of the line, or empty for a blank or comment line. Trailing whitespace
     * is removed first, as sshd does.
     */
    static Optional<KeywordLine> keyword(String line) {
        String s = line.stripTrailing();
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        if (i == s.length() || s.charAt(i) == '#') {
            return Optional.empty();
        }
        int start = i;
        while (i < s.length() && !isSpace(s.charAt(i)) && s.charAt(i) != '=' && s.charAt(i) != '"') {
            i++;
        }
        String keyword = s.substring(start, i);
        // Skip whitespace, at most one '=', whitespace again (strdelim allows "Key = value").
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '=') {
            i++;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
        }
        return Optional.of(new KeywordLine(keyword, s.substring(i)));
    }

    /** The arguments of a line as argv_split(…, terminate_on_comment=1) gives them; empty on an unclosed quote. */
    static Optional<List<String>> arguments(String rest) {
        return ArgvSplit.split(rest);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
