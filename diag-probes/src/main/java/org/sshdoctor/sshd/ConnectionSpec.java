package org.sshdoctor.sshd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * The connection to resolve sshd_config for, like {@code sshd -T -C user=…,host=…,addr=…}. A
 * criterion whose attribute is absent does not match, as in sshd's test mode.
 *
 * @param user the login name
 * @param groups the user's group names, primary first (for {@code Match Group}); empty when unknown
 * @param host the client's host name (only used by {@code Match Host}, needs UseDNS)
 * @param address the client's address
 * @param localAddress the server address the client connected to
 * @param localPort the server port the client connected to
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConnectionSpec(Optional<String> user, List<String> groups, Optional<String> host,
        Optional<String> address, Optional<String> localAddress, OptionalInt localPort) {

    public ConnectionSpec {
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(localPort, "localPort");
    }

    /** A connection of this user with these groups, nothing else known. */
    public static ConnectionSpec forUser(String user, List<String> groups) {
        return new ConnectionSpec(Optional.of(user), groups, Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalInt.empty());
    }

    /** The same connection from this client host name and address. */
    public ConnectionSpec from(String host, String address) {
        return new ConnectionSpec(user, groups, Optional.of(host), Optional.of(address), localAddress, localPort);
    }

    /** The same connection arriving at this server address and port. */
    public ConnectionSpec to(String localAddress, int localPort) {
        return new ConnectionSpec(user, groups, host, address, Optional.of(localAddress), OptionalInt.of(localPort));
    }

    /** The same connection arriving at this server port (sshd -T needs one when a config has Match LocalPort). */
    public ConnectionSpec onPort(int localPort) {
        return new ConnectionSpec(user, groups, host, address, localAddress, OptionalInt.of(localPort));
    }

    /** The {@code -C} argument of {@code sshd -T} describing this connection. */
    public String testSpec() {
        StringBuilder spec = new StringBuilder();
        user.ifPresent(u -> spec.append(",user=").append(u));
        host.ifPresent(h -> spec.append(",host=").append(h));
        address.ifPresent(a -> spec.append(",addr=").append(a));
        localAddress.ifPresent(a -> spec.append(",laddr=").append(a));
        localPort.ifPresent(p -> spec.append(",lport=").append(p));
        return spec.length() == 0 ? "" : spec.substring(1);
    }
}
