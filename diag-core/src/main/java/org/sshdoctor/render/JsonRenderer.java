package org.sshdoctor.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Renders a report as the JSON documented in README ("JSON output"). Fields may be added in later
 * versions, never renamed or removed. The shape is built explicitly here, not derived from the record
 * classes, so refactoring the model cannot change it by accident.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final String toolVersion;

    public JsonRenderer(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public String render(Report report) {
        return write(toTree(report));
    }

    /** The report as a JSON tree, for callers that embed it in a larger document. */
    public ObjectNode toTree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sshdoctor", toolVersion);
        root.put("started", report.started().toString());
        root.set("target", target(report.target()));
        ArrayNode probes = root.putArray("probes");
        for (ProbeRun run : report.probes()) {
            ObjectNode node = probes.addObject();
            node.put("name", run.name());
            node.put("status", run.status().label());
            node.put("millis", run.millis());
            node.put("startMillis", run.startMillis());
            node.put("summary", run.summary());
            if (run.status() != ProbeStatus.OK) {
                node.put("reason", run.summary());
            }
        }
        root.set("findings", findings(report.findings()));
        root.set("counts", counts(report.findings()));
        return root;
    }

    private static ObjectNode target(Target target) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", target.name());
        node.put("host", target.hostName());
        node.put("port", target.port());
        node.put("user", target.user());
        return node;
    }

    /**
     * One finding as every command's JSON shows it (the report's {@code findings[]} element): id,
     * severity, title, detail, clientMessage (only when there is one), fix, evidence, observed.
     */
    public static ObjectNode finding(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", finding.id());
        node.put("severity", finding.severity().label());
        node.put("title", finding.title());
        node.put("detail", finding.detail());
        finding.clientMessage().ifPresent(m -> node.put("clientMessage", m));
        node.put("fix", finding.fix());
        ObjectNode evidence = node.putObject("evidence");
        finding.evidence().forEach(evidence::put);
        node.put("observed", finding.observed());
        return node;
    }

    /** The findings as a JSON array of {@link #finding(Finding)} objects, in their order. */
    public static ArrayNode findings(Collection<Finding> findings) {
        ArrayNode array = MAPPER.createArrayNode();
        findings.forEach(f -> array.add(finding(f)));
        return array;
    }

    /** The number of findings at each severity, every label present: the report's {@code counts}. */
    public static ObjectNode counts(Collection<Finding> findings) {
        ObjectNode counts = MAPPER.createObjectNode();
        for (Severity severity : Severity.values()) {
            counts.put(severity.label(), findings.stream().filter(f -> f.severity() == severity).count());
        }
        return counts;
    }

    /** Serialises a tree; used by the CLI for its error objects too, so every JSON path is valid. */
    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises a tree on one line, for JSON-lines output (one document per line). */
    public static String writeCompact(ObjectNode node) {
        try {
            return COMPACT.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh object node, for callers composing their own JSON documents. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
