package org.sshdoctor.model;

import static org.sshdoctor.model.Checks.checkNotBlank;

import org.apiguardian.api.API;

/**
 * The server to diagnose, as the SSH client would reach it.
 *
 * @param name the host as the user typed it (an alias, a name or an address literal)
 * @param hostName the name or address actually connected to (after ssh_config {@code HostName});
 *     IPv6 literals without brackets
 * @param port TCP port, 1..65535
 * @param user the login name
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Target(String name, String hostName, int port, String user) {

    /** The port ssh uses when nothing else is said. */
    public static final int DEFAULT_PORT = 22;

    public Target {
        checkNotBlank(name, "name");
        checkNotBlank(hostName, "hostName");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        checkNotBlank(user, "user");
    }

    /** A target whose host name is the name the user typed. */
    public static Target of(String host, int port, String user) {
        return new Target(host, host, port, user);
    }

    /** True when {@link #hostName()} is an IPv4 or IPv6 address literal, so no DNS lookup is needed. */
    public boolean isAddressLiteral() {
        return AddressLiterals.isLiteral(hostName);
    }

    /** {@code host:port}, or {@code [v6]:port}: how ssh and known_hosts write a non-default endpoint. */
    public String endpoint() {
        String host = hostName.indexOf(':') >= 0 ? "[" + hostName + "]" : hostName;
        return host + ":" + port;
    }
}
