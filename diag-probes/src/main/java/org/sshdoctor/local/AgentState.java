package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;

/**
 * What the agent check found.
 *
 * @param socket the socket ssh would use, if any
 * @param identities the identities listed (empty when none or unreachable)
 * @param findings the agent findings
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AgentState(Optional<Path> socket, List<AgentIdentity> identities, List<Finding> findings) {
    public AgentState {
        requireNonNull(socket, "socket");
        identities = List.copyOf(identities);
        findings = List.copyOf(findings);
    }
}
