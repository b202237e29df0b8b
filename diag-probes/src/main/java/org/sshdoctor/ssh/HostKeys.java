package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Every host key the server presented, one per key type.
 *
 * @param keys in the order they were fetched, the main handshake's first
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostKeys(List<ServerHostKey> keys) {
    public HostKeys {
        keys = List.copyOf(keys);
    }
}
