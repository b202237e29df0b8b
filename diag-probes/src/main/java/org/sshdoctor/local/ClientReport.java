package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;

/**
 * The result of the client-side checks.
 *
 * @param findings every finding, grouped by area (directory, config, keys, certificates, agent, identities)
 * @param identities the identities ssh would offer (empty without a target)
 * @param agent the agent check
 * @param config the resolved configuration for the target, if one was given
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ClientReport(List<Finding> findings, List<OfferedIdentity> identities, AgentState agent,
        Optional<ResolvedConfig> config) {
    public ClientReport {
        findings = List.copyOf(findings);
        identities = List.copyOf(identities);
        requireNonNull(agent, "agent");
        requireNonNull(config, "config");
    }

    public boolean needsAction() {
        return findings.stream().anyMatch(f -> f.severity().needsAction());
    }
}
