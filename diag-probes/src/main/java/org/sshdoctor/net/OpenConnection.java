package org.sshdoctor.net;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.apiguardian.api.API;

/**
 * A TCP connection the TCP probe opened and handed on; the engine closes it when the diagnosis ends.
 *
 * @param socket the connected socket
 * @param remote the address that accepted
 * @param connectMillis how long the connect took (a round trip, roughly)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OpenConnection(Socket socket, InetSocketAddress remote, long connectMillis) {}
