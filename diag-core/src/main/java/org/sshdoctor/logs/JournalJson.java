package org.sshdoctor.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One line of {@code journalctl -o json} (or {@code -o json-seq} without the record separator): the
 * fields MESSAGE (a string, or an array of bytes when it is not valid UTF-8), SYSLOG_IDENTIFIER,
 * _PID/SYSLOG_PID, _HOSTNAME and __REALTIME_TIMESTAMP (microseconds since the epoch, UTC).
 */
final class JournalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ZoneId zone;

    JournalJson(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    Optional<LogLine> parse(String source, long number, String raw) {
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.has("MESSAGE")) {
            return Optional.empty();
        }
        String message = message(node.get("MESSAGE"));
        String program = text(node, "SYSLOG_IDENTIFIER").or(() -> text(node, "_COMM")).orElse("");
        int pid = text(node, "SYSLOG_PID").or(() -> text(node, "_PID")).map(JournalJson::pid).orElse(-1);
        Optional<LocalDateTime> time = text(node, "__REALTIME_TIMESTAMP").flatMap(this::time);
        return Optional.of(new LogLine(source, number, time, text(node, "_HOSTNAME").orElse(""),
                Programs.baseName(program), pid, message, raw));
    }

    private static String message(JsonNode value) {
        if (value.isArray()) { // journald stores non-UTF-8 messages as byte arrays
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) value.get(i).asInt();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.asText("");
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static int pid(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Optional<LocalDateTime> time(String micros) {
        try {
            long value = Long.parseLong(micros);
            Instant instant = Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1000);
            return Optional.of(LocalDateTime.ofInstant(instant, zone));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
