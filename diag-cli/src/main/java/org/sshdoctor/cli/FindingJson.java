package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.render.JsonRenderer;

/** Findings as JSON in the shape of the diagnosis report's {@code findings[]} and {@code counts}. */
final class FindingJson {
    private FindingJson() {}

    static void addFindings(ArrayNode array, Collection<Finding> findings) {
        for (Finding finding : findings) {
            ObjectNode node = array.addObject();
            node.put("id", finding.id());
            node.put("severity", finding.severity().label());
            node.put("title", finding.title());
            node.put("detail", finding.detail());
            finding.clientMessage().ifPresent(m -> node.put("clientMessage", m));
            node.put("fix", finding.fix());
            ObjectNode evidence = node.putObject("evidence");
            finding.evidence().forEach(evidence::put);
            node.put("observed", finding.observed());
        }
    }

    static ObjectNode counts(Collection<Finding> findings) {
        ObjectNode counts = JsonRenderer.object();
        for (Severity severity : Severity.values()) {
            counts.put(severity.label(), findings.stream().filter(f -> f.severity() == severity).count());
        }
        return counts;
    }
}
