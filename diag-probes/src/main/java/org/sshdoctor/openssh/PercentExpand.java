package org.sshdoctor.openssh;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * OpenSSH's {@code percent_expand} ({@code misc.c}), which ssh (ssh_config values, Match exec)
 * and sshd (AuthorizedKeysFile, ChrootDirectory, ForceCommand internal-sftp -d) share:
 * {@code %%} and the given one-letter tokens; any other {@code %x}, or a lone {@code %} at the end,
 * is an error.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PercentExpand {
    private PercentExpand() {}

    /** A token OpenSSH refuses; the message is what it logs before "percent_expand: failed". */
    public static final class BadToken extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Character key;

        BadToken(Character key) {
            super(key == null ? "vdollar_percent_expand: invalid format" : "vdollar_percent_expand: unknown key %" + key);
            this.key = key;
        }

        /** The unknown token letter; empty for a lone {@code %} at the end. */
        public Optional<Character> key() {
            return Optional.ofNullable(key);
        }
    }

    /**
     * The expansion of {@code text}.
     *
     * @throws BadToken for an unknown token or a trailing {@code %}
     */
    public static String expand(String text, Map<Character, String> tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new BadToken(null);
            }
            char key = text.charAt(++i);
            if (key == '%') {
                out.append('%');
            } else if (tokens.containsKey(key)) {
                out.append(tokens.get(key));
            } else {
                throw new BadToken(key);
            }
        }
        return out.toString();
    }
}
