package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sshdoctor.engine.Fact;

/**
 * The TCP probe's connection once the banner probe has exchanged identification lines on it, handed on
 * so that the main SSH session goes on over the same connection instead of opening another (a server
 * then sees one connection fewer, and a round trip is saved). It carries what the banner probe already
 * did: our identification was sent, and the server's line (exact bytes) and whatever followed it in the
 * same read were consumed. Exactly one taker gets it.
 */
final class IdentifiedConnection {
    /** Published by {@link BannerProbe} when the server identified as SSH-2; read by {@link KexProbe}. */
    static final Fact<IdentifiedConnection> FACT = Fact.of("identified connection", IdentifiedConnection.class);

    private final Socket socket;
    private final InetSocketAddress remote;
    private final String clientLine;
    private final byte[] serverLine;
    private final byte[] pending;
    private final AtomicBoolean taken = new AtomicBoolean();

    IdentifiedConnection(Socket socket, InetSocketAddress remote, String clientLine, byte[] serverLine, byte[] pending) {
        this.socket = socket;
        this.remote = remote;
        this.clientLine = clientLine;
        this.serverLine = serverLine.clone();
        this.pending = pending.clone();
    }

    /** The connection, for the first caller only: afterwards its bytes belong to that caller. */
    Optional<IdentifiedConnection> take() {
        return taken.compareAndSet(false, true) && !socket.isClosed() ? Optional.of(this) : Optional.empty();
    }

    Socket socket() {
        return socket;
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** The identification we sent, without CR LF. */
    String clientLine() {
        return clientLine;
    }

    /** The server's identification line exactly as received, CR LF included. */
    byte[] serverLine() {
        return serverLine.clone();
    }

    /** Bytes the server sent after its identification that the banner probe read already. */
    byte[] pending() {
        return pending.clone();
    }
}
