package org.sshdoctor.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;
import org.sshdoctor.render.JsonRenderer;

/**
 * The fleet summary as JSON: the last line of {@code sshdoctor scan --json}, the only line with a
 * {@code summary} member (every other line is one target's report). Field names are stable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetJson {
    private FleetJson() {}

    /** {@code {"summary": {...}}} for {@code hosts} targets. */
    public static ObjectNode summary(FleetSummary summary, int hosts) {
        ObjectNode root = JsonRenderer.object();
        ObjectNode node = root.putObject("summary");
        node.put("hosts", hosts);
        ObjectNode outcomes = node.putObject("outcomes");
        for (FleetSummary.Outcome outcome : FleetSummary.Outcome.values()) {
            outcomes.put(outcome.label(), summary.count(outcome));
        }
        ArrayNode common = node.putArray("mostCommon");
        for (FleetSummary.Common c : summary.mostCommon(Integer.MAX_VALUE)) {
            common.addObject().put("id", c.id()).put("title", c.title()).put("hosts", c.hosts().size());
        }
        ArrayNode shared = node.putArray("sharedHostKeys");
        for (FleetSummary.SharedKey key : summary.sharedHostKeys()) {
            ObjectNode item = shared.addObject();
            ArrayNode keys = item.putArray("keys");
            key.keys().forEach(k -> keys.addObject().put("keyType", k.keyType()).put("fingerprint", k.fingerprint()));
            key.hosts().forEach(item.putArray("hosts")::add);
        }
        ArrayNode changed = node.putArray("changedHostKeys");
        for (FleetSummary.ChangedKey key : summary.changedHostKeys()) {
            changed.addObject().put("host", key.host()).put("knownHosts", key.knownHosts())
                    .put("oldFingerprint", key.oldFingerprint()).put("newFingerprint", key.newFingerprint());
        }
        ArrayNode legacy = node.putArray("legacyServers");
        for (FleetSummary.LegacyServer server : summary.legacyServers()) {
            ObjectNode item = legacy.addObject().put("host", server.host());
            ArrayNode clients = item.putArray("clients");
            for (ClientCompatibility.Client client : server.clients()) {
                ObjectNode c = clients.addObject().put("profile", client.profile()).put("verdict", client.verdict().label());
                client.legacy().forEach(c.putArray("legacy")::add);
                client.options().forEach(c.putArray("options")::add);
            }
        }
        node.set("findings", JsonRenderer.findings(summary.findings()));
        return root;
    }
}
