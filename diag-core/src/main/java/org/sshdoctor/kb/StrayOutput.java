package org.sshdoctor.kb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Decodes the N of sftp's "Received message too long N": the SFTP client read the first four bytes a
 * remote startup file printed as a big-endian packet length, so N spells those four bytes. The
 * decoded text usually names its source ("Sun " is {@code date}, "This" is the nologin shell).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StrayOutput {
    private StrayOutput() {}

    /** The four bytes of N as text, control characters shown as {@code \xNN} (ESC as {@code \e}). */
    public static String decode(long n) {
        byte[] bytes = ByteBuffer.allocate(4).putInt((int) n).array();
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == 0x1B) {
                text.append("\\e");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c < 0x20 || c >= 0x7F) {
                text.append(String.format("\\x%02X", c));
            } else {
                text.append(new String(new byte[] {b}, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    /** The most likely source of output starting with {@code text}, when it is a well-known one. */
    public static Optional<String> likelySource(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches("(mon|tue|wed|thu|fri|sat|sun) ")) {
            return Optional.of("the output of date (\"" + text.strip() + " ...\") in a startup file such as ~/.bashrc");
        }
        if (t.equals("this")) {
            return Optional.of("the nologin shell (\"This account is currently not available.\") or an echo in ~/.bashrc");
        }
        if (t.equals("last")) {
            return Optional.of("a \"Last login: ...\" line printed by a profile script");
        }
        if (t.startsWith("\\e")) {
            return Optional.of("terminal colour codes (a coloured prompt, printf '\\e[...m' or tput) in ~/.bashrc");
        }
        if (t.equals("bash") || t.equals("-bas") || t.equals("zsh:") || t.startsWith("sh: ")) {
            return Optional.of("an error of the remote shell (\"bash: ...\") written to stdout by a startup file");
        }
        if (t.equals("stty")) {
            return Optional.of("stty in a startup file (\"stty: 'standard input': Inappropriate ioctl for device\")");
        }
        if (t.equals("welc") || t.equals("hell") || t.equals("hi t") || t.startsWith("***") || t.equals("====")
                || t.equals("----") || t.equals("####")) {
            return Optional.of("a welcome banner echoed by ~/.bashrc, ~/.profile or /etc/profile.d");
        }
        if (t.equals("your")) {
            return Optional.of("a password-expiry or notice message (\"Your ...\") printed at login");
        }
        return Optional.empty();
    }
}
