package org.sshdoctor.local;

import java.util.Map;

/**
 * OpenSSH's {@code percent_expand}: {@code %%} and the given one-letter tokens; any other
 * {@code %x}, or a lone {@code %} at the end, is an error with sshd's own message.
 */
final class PercentTokens {
    private PercentTokens() {}

    /** The expansion, or an exception whose message is what sshd logs before "percent_expand: failed". */
    static String expand(String text, Map<Character, String> tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("vdollar_percent_expand: invalid format");
            }
            char key = text.charAt(++i);
            if (key == '%') {
                out.append('%');
            } else if (tokens.containsKey(key)) {
                out.append(tokens.get(key));
            } else {
                throw new IllegalArgumentException("vdollar_percent_expand: unknown key %" + key);
            }
        }
        return out.toString();
    }
}
