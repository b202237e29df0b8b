package org.sshdoctor.config;

import java.util.List;
import org.sshdoctor.openssh.Patterns;

/**
 * ssh_config's {@code Host} line ({@code readconf.c}): the patterns are whitespace-separated (a
 * comma is an ordinary character here) and case-sensitive; the line is active when one positive
 * pattern matches and no negated pattern does. Lists ({@code Match host/user}, IgnoreUnknown) use
 * {@link Patterns} directly.
 */
final class HostPatterns {
    private HostPatterns() {}

    static boolean hostLineMatches(String host, List<String> patterns) {
        boolean active = false;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            if (Patterns.matchPattern(host, negated ? pattern.substring(1) : pattern)) {
                if (negated) {
                    return false;
                }
                active = true;
            }
        }
        return active;
    }
}
