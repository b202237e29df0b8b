package org.sshdoctor.config;

import java.util.Map;
import org.sshdoctor.openssh.PercentExpand;

/**
 * ssh_config's {@code %x} tokens and {@code ${VAR}} variables ({@code misc.c:percent_expand},
 * {@code dollar_expand}). An unknown token or an unset variable is an error, as in ssh.
 */
final class Tokens {
    private Tokens() {}

    /** Expands {@code %x} with the given values ({@code %%} is always allowed), with ssh_config's messages. */
    static String percent(String s, Map<Character, String> values) {
        try {
            return PercentExpand.expand(s, values);
        } catch (PercentExpand.BadToken e) {
            throw new IllegalArgumentException(e.key().map(key -> "percent_expand: unknown key %" + key)
                    .orElse("invalid format: '%' at the end of \"" + s + "\""), e);
        }
    }

    /** Expands {@code ${VAR}} from the environment. */
    static String dollar(String s, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("${", i)) {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("invalid environment variable expansion in \"" + s + "\"");
                }
                String name = s.substring(i + 2, end);
                String value = environment.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("env var ${" + name + "} has no value");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** {@code ~} and {@code ~/...} become the home directory (other users' {@code ~name} are left alone). */
    static String tilde(String s, String home) {
        if (s.equals("~")) {
            return home;
        }
        if (s.startsWith("~/")) {
            return home + s.substring(1);
        }
        return s;
    }
}
