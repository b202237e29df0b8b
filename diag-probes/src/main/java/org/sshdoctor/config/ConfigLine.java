package org.sshdoctor.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sshdoctor.openssh.ArgvSplit;

/**
 * One ssh_config line split as {@code readconf.c} does: the keyword ends at whitespace or the first
 * {@code =}; the rest is split by {@code argv_split}: quotes group, backslash escapes quotes, backslash
 * and (outside quotes) space, and {@code #} starts a comment only at the start of a token.
 *
 * @param keyword lower-cased keyword
 * @param args the arguments, quotes removed
 */
record ConfigLine(String keyword, List<String> args) {
    ConfigLine {
        args = List.copyOf(args);
    }

    /** Thrown for lines ssh rejects while splitting; the message is ssh's wording without the file and line. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /** Empty for blank and comment lines. */
    static Optional<ConfigLine> parse(String raw) throws SyntaxException {
        String line = stripTrailing(raw);
        int i = skipSpace(line, 0);
        if (i >= line.length() || line.charAt(i) == '#') {
            return Optional.empty();
        }
        int end = i;
        while (end < line.length() && !isSpace(line.charAt(end)) && line.charAt(end) != '=') {
            end++;
        }
        String keyword = line.substring(i, end).toLowerCase(Locale.ROOT);
        int rest = skipSpace(line, end);
        if (rest < line.length() && line.charAt(rest) == '=') {
            rest = skipSpace(line, rest + 1);
        }
        if (keyword.isEmpty()) {
            throw new SyntaxException("missing keyword before '='");
        }
        if (rest >= line.length()) {
            throw new SyntaxException("no argument after keyword \"" + keyword + "\"");
        }
        return Optional.of(new ConfigLine(keyword, split(line.substring(rest))));
    }

    /** {@link ArgvSplit}, with ssh's message for an unclosed quote. */
    static List<String> split(String s) throws SyntaxException {
        return ArgvSplit.split(s).orElseThrow(() -> new SyntaxException("invalid quotes"));
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (isSpace(s.charAt(end - 1)) || s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r'
                || s.charAt(end - 1) == '\f')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
