package org.sshdoctor.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SSH_MSG_DISCONNECT from the server (RFC 4253 section 11.1): its reason code and its text, which the
 * server chose and may be anything (terminal escape sequences, CR, megabytes). The text is cut to what
 * ssh shows ({@value #SSH_SHOWS} characters) as soon as it arrives, and is made printable only where it
 * is shown ({@link #asSshPrintsIt()}); the raw, cut text is kept for JSON.
 *
 * <p>MINA hands the disconnect to a listener and the probe only sees a failure message, so the message
 * carries it in a fixed form: {@link #describe} writes it, {@link #parse} reads it back.
 *
 * @param reason the RFC 4253 reason code
 * @param text the server's text, at most {@value #SSH_SHOWS} characters
 * @param length the length of the server's whole text
 */
record ServerDisconnect(int reason, String text, int length) {
    /** ssh logs the text with "%.400s". */
    static final int SSH_SHOWS = 400;
    /** ssh's log lines fit in 1024 bytes (MSGBUFSIZ) with CR, LF and NUL: 1021 characters (measured, 9.2p1). */
    static final int SSH_LINE = 1021;
    private static final Pattern FORM = Pattern.compile("the server disconnected \\(reason (\\d+), (\\d+) characters\\): (.*)",
            Pattern.DOTALL);

    static ServerDisconnect of(int reason, String text) {
        String whole = text == null ? "" : text;
        return new ServerDisconnect(reason, whole.length() <= SSH_SHOWS ? whole : whole.substring(0, SSH_SHOWS), whole.length());
    }

    /** The failure message for a disconnect, with the text already cut. */
    static String describe(int reason, String text) {
        ServerDisconnect disconnect = of(reason, text);
        return "the server disconnected (reason " + reason + ", " + disconnect.length + " characters): " + disconnect.text;
    }

    /** The disconnect a failure message describes, if it describes one. */
    static Optional<ServerDisconnect> parse(String message) {
        Matcher matcher = FORM.matcher(message);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServerDisconnect(Integer.parseInt(matcher.group(1)), matcher.group(3),
                    Integer.parseInt(matcher.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when the server's text was longer than what is kept. */
    boolean cut() {
        return length > text.length();
    }

    /**
     * The text as ssh prints it after a prefix of {@code prefixLength} characters: its first
     * {@value #SSH_SHOWS} bytes (UTF-8), every byte outside printable ASCII as an octal escape, as ssh's
     * strnvis(VIS_SAFE | VIS_OCTAL) does for ESC ({@code \033}) and non-ASCII bytes, and the whole line cut
     * at {@value #SSH_LINE} characters, even inside an escape, as ssh's 1024-byte log buffer (with CR LF
     * and NUL) cuts it.
     * ssh passes CR, LF, BEL, BS and TAB through raw; here those are escaped too, so a server cannot add
     * lines of its own to our output.
     */
    String asSshPrintsIt(int prefixLength) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length());
        int room = SSH_LINE - prefixLength;
        for (int i = 0; i < Math.min(bytes.length, SSH_SHOWS); i++) {
            int b = bytes[i] & 0xFF;
            out.append(b < 0x20 || b >= 0x7F ? String.format("\\%03o", b) : String.valueOf((char) b));
        }
        return out.length() <= room ? out.toString() : out.substring(0, Math.max(0, room));
    }

    /** The RFC 4253 name of the reason code. */
    String reasonName() {
        return switch (reason) {
            case 1 -> "host not allowed to connect";
            case 2 -> "protocol error";
            case 3 -> "key exchange failed";
            case 4 -> "reserved";
            case 5 -> "MAC error";
            case 6 -> "compression error";
            case 7 -> "service not available";
            case 8 -> "protocol version not supported";
            case 9 -> "host key not verifiable";
            case 10 -> "connection lost";
            case 11 -> "by application";
            case 12 -> "too many connections";
            case 13 -> "auth cancelled by user";
            case 14 -> "no more auth methods available";
            case 15 -> "illegal user name";
            default -> "unknown reason";
        };
    }
}
