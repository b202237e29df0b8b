package org.sshdoctor.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Choices for the handshake probes.
 *
 * @param clientProfile a built-in client profile to predict negotiation for; empty means the local
 *     {@code ssh} (falling back to the newest profile when none is installed)
 * @param knownHosts known_hosts files to check instead of the client's own; present and empty means
 *     check none (every host is new)
 * @param audit report algorithm hygiene (legacy algorithms, Terrapin exposure) as warnings, not info
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HandshakeOptions(Optional<String> clientProfile, Optional<List<Path>> knownHosts, boolean audit) {

    public HandshakeOptions {
        knownHosts = knownHosts.map(List::copyOf);
        clientProfile.ifPresent(name -> {
            if (ClientProfiles.builtIn().profile(name, List.of()).isEmpty()) {
                throw new IllegalArgumentException("unknown client profile '" + name + "'; known profiles: "
                        + String.join(", ", ClientProfiles.builtIn().names()));
            }
        });
    }

    /** The local client, its own known_hosts files, no audit. */
    public static HandshakeOptions defaults() {
        return new HandshakeOptions(Optional.empty(), Optional.empty(), false);
    }

    public HandshakeOptions withClientProfile(String name) {
        return new HandshakeOptions(Optional.of(name), knownHosts, audit);
    }

    public HandshakeOptions withKnownHosts(List<Path> files) {
        return new HandshakeOptions(clientProfile, Optional.of(files), audit);
    }

    public HandshakeOptions withAudit(boolean on) {
        return new HandshakeOptions(clientProfile, knownHosts, on);
    }
}
