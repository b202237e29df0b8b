package org.sshdoctor.kb;

import java.util.Locale;

/**
 * The longest run of literal text every match of a regular expression must contain, lower-cased.
 * Lines without it cannot match, so the explainer skips the (far costlier) regex for them: this is
 * what keeps a 10 000-line transcript fast. Conservative: when unsure, the anchor is empty (no filter).
 */
final class LiteralAnchor {
    private LiteralAnchor() {}

    /** The anchor of {@code regex}; empty when it has top-level alternation or no literal text. */
    static String of(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(++i);
                if (depth == 0 && !Character.isLetterOrDigit(next)) {
                    run.append(next);
                    continue;
                }
                best = longer(best, run);
                continue;
            }
            switch (c) {
                case '(' -> {
                    best = longer(best, run);
                    depth++;
                }
                case ')' -> {
                    depth--;
                    best = longer(best, run);
                }
                case '[' -> {
                    best = longer(best, run);
                    i = skipClass(regex, i);
                }
                case '|' -> {
                    if (depth == 0) {
                        return "";
                    }
                }
                case '*', '?', '{' -> {
                    if (depth == 0 && run.length() > 0) {
                        run.setLength(run.length() - 1); // the quantified character is optional
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        i = close < 0 ? i : close;
                    }
                }
                case '+' -> best = longer(best, run); // the character stays required
                case '.', '^', '$' -> best = longer(best, run);
                default -> {
                    if (depth == 0) {
                        run.append(c);
                    }
                }
            }
        }
        best = longer(best, run);
        return best.strip().isEmpty() ? "" : best.toLowerCase(Locale.ROOT);
    }

    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }

    private static int skipClass(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1) {
                return i;
            }
        }
        return regex.length();
    }
}
