package org.sshdoctor.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises common non-SSH services from the first bytes they send (after our identification line,
 * which makes request/response protocols such as HTTP answer with an error).
 */
final class ProtocolSniffer {
    private ProtocolSniffer() {}

    static Optional<String> recognise(byte[] first) {
        if (first.length >= 2 && (first[0] == 0x15 || first[0] == 0x16) && first[1] == 0x03) {
            return Optional.of("TLS");
        }
        if (first.length >= 2 && (first[0] & 0xFF) == 0xFF && (first[1] & 0xFF) >= 0xFB) {
            return Optional.of("Telnet");
        }
        if (first.length >= 5 && first[4] == 0x0A && new String(first, StandardCharsets.ISO_8859_1).matches("(?s).{5}\\d+\\.\\d+.*")) {
            return Optional.of("MySQL");
        }
        String text = new String(first, StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.startsWith("SSH-") || text.length() < 4) {
            return Optional.empty();
        }
        if (text.startsWith("HTTP/") || lower.startsWith("<!doctype") || lower.startsWith("<html")) {
            return Optional.of("HTTP");
        }
        if (text.startsWith("RFB ")) {
            return Optional.of("VNC");
        }
        if (text.startsWith("+OK")) {
            return Optional.of("POP3");
        }
        if (text.startsWith("* OK") || text.startsWith("* PREAUTH")) {
            return Optional.of("IMAP");
        }
        if (text.startsWith("-ERR") || text.startsWith("-NOAUTH") || text.startsWith("-DENIED")) {
            return Optional.of("Redis");
        }
        if (text.startsWith("@RSYNCD:")) {
            return Optional.of("rsync daemon");
        }
        if (text.startsWith("AMQP")) {
            return Optional.of("AMQP");
        }
        if (text.startsWith("E") && text.contains("SFATAL")) {
            return Optional.of("PostgreSQL");
        }
        if (text.startsWith("220")) {
            if (lower.contains("ftp")) {
                return Optional.of("FTP");
            }
            if (lower.contains("smtp") || lower.contains("mail") || text.contains("\r\n") || text.length() >= 32) {
                return Optional.of(lower.contains("smtp") || lower.contains("mail") ? "SMTP" : "SMTP or FTP");
            }
        }
        return Optional.empty();
    }
}
