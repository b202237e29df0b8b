package org.sshdoctor.config;

import java.util.List;
import java.util.Locale;

/**
 * OpenSSH's pattern matchers ({@code match.c}): {@code *} and {@code ?} wildcards, {@code !} negation,
 * comma-separated lists. Host lines are case-sensitive; {@code Match host} lower-cases both sides.
 */
final class HostPatterns {
    private HostPatterns() {}

    /** {@code match_pattern}: the whole string against one pattern, case-sensitive. */
    static boolean matches(String s, String pattern) {
        return matches(s, 0, pattern, 0);
    }

    private static boolean matches(String s, int si, String p, int pi) {
        while (true) {
            if (pi == p.length()) {
                return si == s.length();
            }
            char pc = p.charAt(pi);
            if (pc == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (matches(s, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length()) {
                return false;
            }
            if (pc != '?' && pc != s.charAt(si)) {
                return false;
            }
            si++;
            pi++;
        }
    }

    /**
     * {@code match_pattern_list}: 1 when a positive sub-pattern matches and no negated one does, -1 when a
     * negated one matches, 0 otherwise. With {@code lower}, the patterns are lower-cased first.
     */
    static int matchList(String s, String list, boolean lower) {
        int result = 0;
        for (String sub : list.split(",", -1)) {
            String pattern = lower ? sub.toLowerCase(Locale.ROOT) : sub;
            boolean negated = pattern.startsWith("!");
            if (negated) {
                pattern = pattern.substring(1);
            }
            if (matches(s, pattern)) {
                if (negated) {
                    return -1;
                }
                result = 1;
            }
        }
        return result;
    }

    /** {@code match_hostname}: the host lower-cased, the patterns lower-cased. */
    static boolean matchHostname(String host, String list) {
        return matchList(host.toLowerCase(Locale.ROOT), list, true) == 1;
    }

    /**
     * A {@code Host} line: active when one positive pattern matches and no negated pattern does. Patterns
     * are whitespace-separated (a comma is an ordinary character here).
     */
    static boolean hostLineMatches(String host, List<String> patterns) {
        boolean active = false;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            if (matches(host, negated ? pattern.substring(1) : pattern)) {
                if (negated) {
                    return false;
                }
                active = true;
            }
        }
        return active;
    }
}
