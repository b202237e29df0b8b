package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One line of pasted text, cleaned for matching: carriage returns and terminal escape sequences
 * removed, trailing blanks stripped; text that tools wrapped in JSON (Ansible's {@code "msg"} and
 * {@code "stderr"} with escaped quotes and {@code \r\n}) is unwrapped into its own lines.
 *
 * @param number 1-based number of the physical input line it came from
 * @param text the cleaned text
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InputLine(int number, String text) {
    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|[@-Z\\\\-_])");
    private static final Pattern JSON_WRAPPED = Pattern.compile("\"(msg|stderr|stdout|module_stderr|module_stdout)\"\\s*:");
    private static final Pattern ODD_SPACES = Pattern.compile("[\u00A0\u2000-\u200A\u202F\u205F\u3000]");
    private static final Pattern INVISIBLE = Pattern.compile("[\u200B-\u200D\u2060\uFEFF]");
    private static final int MAX_LENGTH = 8192;
    /** The @@@ rows framing ssh's warning boxes: part of the box, no information. */
    private static final Pattern DECORATION = Pattern.compile("[@=*-]{8,}");
    private static final Pattern ESCAPED_NEWLINE = Pattern.compile("\\\\r\\\\n|\\\\n|\\\\r");

    /** The text lower-cased once, for the literal pre-filter. */
    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Splits and cleans {@code input}; blank lines are dropped. */
    public static List<InputLine> split(String input) {
        List<InputLine> lines = new ArrayList<>();
        String[] physical = input.split("\r\n|\r|\n", -1);
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (line.indexOf('\u001B') >= 0) {
                line = ESCAPES.matcher(line).replaceAll("");
            }
            if (line.indexOf('\\') >= 0 && JSON_WRAPPED.matcher(line).find()) {
                for (String part : ESCAPED_NEWLINE.split(line)) {
                    add(lines, i + 1, part.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\t", " "));
                }
            } else {
                add(lines, i + 1, line);
            }
        }
        return lines;
    }

    private static void add(List<InputLine> lines, int number, String text) {
        // No ssh message is longer than a banner line (8192 bytes); longer input is not one, and
        // cutting it bounds the cost of every pattern.
        String clean = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
        if (!isAscii(clean)) {
            clean = ODD_SPACES.matcher(clean).replaceAll(" ");
            clean = INVISIBLE.matcher(clean).replaceAll("");
            clean = clean.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"')
                    .replace('\u2018', '\'').replace('\u2019', '\'');
        }
        clean = clean.strip();
        if (!clean.isEmpty() && !DECORATION.matcher(clean).matches()) {
            lines.add(new InputLine(number, clean));
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
