package org.sshdoctor.render;

import org.apiguardian.api.API;

/**
 * Makes text that came from the network or from files safe to print: control characters (escape
 * sequences that could move the cursor, retitle the window or hide output) become visible
 * {@code \xNN} escapes. Newlines and tabs survive only where the caller allows them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TerminalText {
    private TerminalText() {}

    /** Sanitises one line: every control character, newlines included, is escaped. */
    public static String line(String text) {
        return sanitize(text, false);
    }

    /** Sanitises a block: newlines and tabs are kept, every other control character is escaped. */
    public static String block(String text) {
        return sanitize(text, true);
    }

    private static String sanitize(String text, boolean keepLayout) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = (Character.isISOControl(c) && !(keepLayout && (c == '\n' || c == '\t')))
                    || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069');
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
