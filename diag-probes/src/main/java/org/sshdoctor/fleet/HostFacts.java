package org.sshdoctor.fleet;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.ssh.ServerHostKey;
import org.sshdoctor.ssh.ServerKexInit;

/**
 * What a fleet scan keeps of one host beyond its report, for the views across hosts: where it answered,
 * its host keys and its KEXINIT. Each part is empty when the diagnosis did not get that far.
 *
 * @param address the address and port that accepted the connection
 * @param hostKeys every host key the server presented, one per type
 * @param kexInit the server's algorithm lists
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostFacts(Optional<InetSocketAddress> address, List<ServerHostKey> hostKeys, Optional<ServerKexInit> kexInit) {
    public HostFacts {
        hostKeys = List.copyOf(hostKeys);
    }

    /** Nothing known: the host was not reached. */
    public static HostFacts none() {
        return new HostFacts(Optional.empty(), List.of(), Optional.empty());
    }
}
