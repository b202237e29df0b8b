package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import org.apiguardian.api.API;

/**
 * One identity an ssh-agent holds (public half only; the agent never gives out private keys).
 *
 * @param key the public key or certificate
 * @param comment the agent's comment (usually the file it was added from)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AgentIdentity(PublicKey key, String comment) {
    public AgentIdentity {
        requireNonNull(key, "key");
        requireNonNull(comment, "comment");
    }
}
