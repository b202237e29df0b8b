package org.sshdoctor.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** {@code argv_split(s, ..., terminate_on_comment=1)} of OpenSSH's misc.c. */
    static List<String> split(String s) throws SyntaxException {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < s.length(); i++) {
                c = s.charAt(i);
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (c == '\\') {
                    if (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' ')) {
                        i++;
                        arg.append(next);
                    } else {
                        arg.append(c);
                    }
                } else if (quote == 0 && isSpace(c)) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            }
            if (quote != 0) {
                throw new SyntaxException("invalid quotes");
            }
            args.add(arg.toString());
        }
        return args;
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
