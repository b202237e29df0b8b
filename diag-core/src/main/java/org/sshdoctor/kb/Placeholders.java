package org.sshdoctor.kb;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the values of one input into an article's commands: "chmod 600 KEY" becomes
 * "chmod 600 /home/fred/.ssh/id_ed25519" when the text named that key. Only the upper-case words
 * below (and the foundation's {@code <host>}, {@code <address>}) are placeholders, and only when the
 * input captured a value for them; values with spaces or shell characters are single-quoted so the
 * command can be pasted as it is. PORT is left alone: in the articles it means the port sshd really
 * listens on, which is not the one in the message.
 */
final class Placeholders {
    private static final Pattern WORD = Pattern.compile(
            "(?<![$\\w-])(HOST|USER|KEY|PATH|FILE|LINE|ADDRESS|DIR)(?![\\w-])|<(host|address)>");
    private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./\\[\\]-]+");

    private Placeholders() {}

    static String fill(String text, Map<String, String> captures) {
        if (text.isEmpty() || captures.isEmpty()) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String placeholder = m.group(1) != null ? m.group(1) : m.group(2).toUpperCase(java.util.Locale.ROOT);
            String value = value(placeholder, captures);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : quote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String placeholder, Map<String, String> captures) {
        return switch (placeholder) {
            case "HOST" -> captures.getOrDefault("host", captures.get("address"));
            case "KEY", "PATH" -> captures.get("path");
            default -> captures.get(placeholder.toLowerCase(java.util.Locale.ROOT));
        };
    }

    private static String quote(String value) {
        return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
