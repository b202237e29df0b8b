package org.sshdoctor.net;

import java.net.InetAddress;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The addresses a host name resolved to, in the order the client tries them.
 *
 * @param addresses never empty
 * @param source how they were found: "literal", "system resolver"
 * @param millis how long resolution took
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Addresses(List<InetAddress> addresses, String source, long millis) {
    public Addresses {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses must not be empty");
        }
    }
}
