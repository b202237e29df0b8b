package org.sshdoctor.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.render.JsonRenderer;

/**
 * JSON for {@code sshdoctor logs}: the summary object ({@code --json}) and one compact object per event
 * ({@code --events}). Event objects carry the envelope (file, line, time, host, program, pid), the
 * type, the event's own fields (names as in {@link LogEvent}'s records, Optional fields left out when
 * empty) and the raw message. Fields may be added later, never renamed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogJson {
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private LogJson() {}

    /** One event as a single line of JSON (with the newline). */
    public static String eventLine(LogEvent event) {
        return eventLine(event, Optional.empty());
    }

    /**
     * One event as a single line of JSON; {@code processAddress} (the client address an earlier line of
     * the same pid named) is added as {@code processAddress} when the event names none itself.
     */
    public static String eventLine(LogEvent event, Optional<String> processAddress) {
        try {
            ObjectNode node = event(event);
            processAddress.ifPresent(a -> node.put("processAddress", a));
            return COMPACT.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode event(LogEvent event) {
        ObjectNode node = JsonRenderer.object();
        LogLine l = event.line();
        node.put("type", event.type());
        node.put("file", l.source());
        node.put("line", l.number());
        l.time().ifPresent(t -> node.put("time", t.toString()));
        node.put("host", l.host());
        node.put("program", l.program());
        if (l.pid() >= 0) {
            node.put("pid", l.pid());
        }
        fields(node, (Record) event); // every LogEvent is a record
        node.put("message", l.message());
        return node;
    }

    private static void fields(ObjectNode node, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getType() == LogLine.class) {
                continue;
            }
            try {
                put(node, component.getName(), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> put(node, name, v));
        } else if (value instanceof String s) {
            node.put(name, s);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Enum<?> e) {
            node.put(name, e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(name);
            list.forEach(item -> array.add(String.valueOf(item)));
        } else if (value instanceof java.time.Duration d) {
            node.put(name, d.getSeconds()); // durations in seconds
        } else if (value instanceof Record r) {
            fields(node.putObject(name), r);
        } else if (value != null) {
            node.put(name, String.valueOf(value));
        }
    }

    /** The summary document printed by {@code --json}. */
    public static ObjectNode summary(String version, List<String> files, LogSummary s) {
        ObjectNode root = JsonRenderer.object();
        root.put("sshdoctor", version);
        ArrayNode inputs = root.putArray("files");
        files.forEach(inputs::add);
        LogSummary.Counts c = s.counts();
        ObjectNode counts = root.putObject("counts");
        counts.put("lines", c.lines());
        counts.put("recognised", c.recognised());
        counts.put("unrecognised", c.unrecognised());
        counts.put("otherPrograms", c.otherPrograms());
        counts.put("debug", c.debug());
        counts.put("logins", s.loginCount());
        counts.put("sources", s.sourceCount());
        c.byType().forEach(counts.putObject("events")::put);
        s.first().ifPresent(t -> root.put("first", t.toString()));
        s.last().ifPresent(t -> root.put("last", t.toString()));
        root.set("findings", JsonRenderer.findings(s.findings()));
        records(root.putArray("topSources"), s.topSources());
        records(root.putArray("topUsers"), s.topUsers());
        records(root.putArray("logins"), s.logins());
        records(root.putArray("credentialStories"), s.credentialStories());
        records(root.putArray("sftpSessions"), s.sftpSessions());
        records(root.putArray("sftpTotals"), s.sftpTotals());
        ArrayNode unrecognised = root.putArray("unrecognised");
        for (LogLine l : s.unrecognisedSamples()) {
            ObjectNode node = unrecognised.addObject();
            node.put("file", l.source());
            node.put("line", l.number());
            node.put("text", l.raw());
        }
        root.put("needsAction", s.needsAction());
        return root;
    }

    private static void records(ArrayNode array, List<? extends Record> records) {
        for (Record r : records) {
            ObjectNode node = array.addObject();
            for (RecordComponent component : r.getClass().getRecordComponents()) {
                try {
                    Object value = component.getAccessor().invoke(r);
                    if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
                        @SuppressWarnings("unchecked")
                        List<? extends Record> nested = (List<? extends Record>) list;
                        records(node.putArray(component.getName()), nested);
                    } else {
                        put(node, component.getName(), value);
                    }
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }
}
