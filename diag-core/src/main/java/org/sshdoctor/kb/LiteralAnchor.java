package org.sshdoctor.kb;

import java.util.Locale;

/**
 * The longest run of literal text every match of a regular expression must contain, lower-cased.
 * Lines without it cannot match, so the explainer skips the (far costlier) regex for them: this is
 * what keeps a 10 000-line transcript fast. Groups are looked into when they are required (not
 * optional, no alternation, not a look-around). Conservative: when unsure, the anchor is empty.
 */
final class LiteralAnchor {
    private LiteralAnchor() {}

    /** The anchor of {@code regex}; empty when it has top-level alternation or no literal text. */
    static String of(String regex) {
        String best = best(regex, 0, regex.length());
        return best.strip().isEmpty() ? "" : best.toLowerCase(Locale.ROOT);
    }

    /** The longest required literal of {@code regex[from, to)}. */
    private static String best(String regex, int from, int to) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char next = regex.charAt(++i);
                if (!Character.isLetterOrDigit(next)) {
                    run.append(next);
                } else {
                    best = longer(best, run);
                }
                continue;
            }
            switch (c) {
                case '(' -> {
                    best = longer(best, run);
                    int close = closing(regex, i, to);
                    int body = bodyStart(regex, i, close);
                    boolean optional = close + 1 < to && "?*".indexOf(regex.charAt(close + 1)) >= 0
                            || regex.startsWith("{0", close + 1);
                    if (body >= 0 && !optional) {
                        String inner = best(regex, body, close);
                        best = inner.length() > best.length() ? inner : best;
                    }
                    i = close;
                }
                case '[' -> {
                    best = longer(best, run);
                    i = skipClass(regex, i, to);
                }
                case '|' -> {
                    return "";
                }
                case '*', '?', '{' -> {
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1); // the quantified character is optional
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        i = close < 0 ? i : close;
                    }
                }
                case '+', '.', '^', '$' -> best = longer(best, run);
                default -> run.append(c);
            }
        }
        return longer(best, run);
    }

    /** Where a group's body starts, or -1 for look-arounds and flag-only groups. */
    private static int bodyStart(String regex, int open, int close) {
        if (open + 1 >= close || regex.charAt(open + 1) != '?') {
            return open + 1;
        }
        char kind = open + 2 < close ? regex.charAt(open + 2) : ')';
        if (kind == ':' || kind == '>') {
            return open + 3;
        }
        if (kind == '<' && open + 3 < close && Character.isLetter(regex.charAt(open + 3))) {
            int end = regex.indexOf('>', open);
            return end < 0 || end > close ? -1 : end + 1;
        }
        return -1; // (?=, (?!, (?<=, (?<!, (?i) ...
    }

    private static int closing(String regex, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(regex, i, to);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return to - 1;
    }

    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }

    private static int skipClass(String regex, int open, int to) {
        for (int i = open + 1; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1 && !(i == open + 2 && regex.charAt(open + 1) == '^')) {
                return i;
            }
        }
        return to;
    }
}
