package org.sshdoctor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Lets a MINA session continue on a connection the banner probe already opened: MINA (NIO2) cannot adopt
 * an open socket, so it connects to a listener of ours on 127.0.0.1 instead, and two threads pipe its
 * bytes to and from the real connection. Towards MINA the relay first replays the server's
 * identification line and what followed it (the banner probe read those); towards the server it drops
 * MINA's identification line, which the banner probe sent already (the two are the same line, so the key
 * exchange hashes what the server really received). Only the connection from MINA's own local address is
 * accepted. Closing the relay closes both connections and so ends both threads.
 */
final class LoopbackRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoopbackRelay.class.getName());
    /** Longest identification line RFC 4253 allows, CR LF included. */
    private static final int MAX_IDENTIFICATION = 255;

    private final IdentifiedConnection connection;
    private final ServerSocket listener;
    private volatile Socket local;

    private LoopbackRelay(IdentifiedConnection connection, ServerSocket listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Opens the listener MINA is to connect to; the relay owns {@code connection} from now on. */
    static LoopbackRelay open(IdentifiedConnection connection) throws IOException {
        // An address literal, not getLoopbackAddress(): that may be ::1, and MINA resolves the name again.
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        return new LoopbackRelay(connection, listener);
    }

    /**
     * Where MINA connects to, named as the real server: MINA checks a host certificate's principals
     * against that name, as ssh does against the name it was given.
     */
    InetSocketAddress address() throws IOException {
        InetAddress named = InetAddress.getByAddress(connection.remote().getHostString(),
                listener.getInetAddress().getAddress());
        return new InetSocketAddress(named, listener.getLocalPort());
    }

    /**
     * Accepts MINA's connection, known by its local address {@code peer}, and starts piping. Any other
     * local process that connects first is turned away.
     */
    void attach(SocketAddress peer, Instant deadline) throws IOException {
        try (ServerSocket closing = listener) {
            while (true) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("the relay was not reached in time");
                }
                closing.setSoTimeout((int) left);
                Socket accepted = closing.accept();
                if (accepted.getRemoteSocketAddress().equals(peer)) {
                    local = accepted;
                    break;
                }
                accepted.close();
            }
        }
        local.setTcpNoDelay(true);
        Socket remote = connection.socket();
        remote.setSoTimeout(0); // MINA's phase deadlines govern from here, and close() ends the threads
        start("sshdoctor-relay-in", () -> toMina(remote, local));
        start("sshdoctor-relay-out", () -> toServer(local, remote));
    }

    private void toMina(Socket remote, Socket mina) throws IOException {
        OutputStream out = mina.getOutputStream();
        out.write(connection.serverLine());
        out.write(connection.pending());
        out.flush();
        try {
            remote.getInputStream().transferTo(out);
        } catch (java.net.SocketException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")) {
                // The server reset: pass the reset on, so that MINA, and the report, say reset and not closed.
                mina.setSoLinger(true, 0);
                mina.close();
            }
            throw e;
        }
        mina.shutdownOutput(); // the server closed: MINA reads what is left, then sees the end
    }

    private void toServer(Socket mina, Socket remote) throws IOException {
        InputStream in = mina.getInputStream();
        byte[] line = readLine(in);
        String expected = connection.clientLine() + "\r\n";
        if (!Arrays.equals(line, expected.getBytes(StandardCharsets.US_ASCII))) {
            // Both lines come from one constant; a difference would break key exchange, so stop loudly.
            throw new IOException("MINA identified as '" + new String(line, StandardCharsets.US_ASCII).strip()
                    + "', but the server was sent '" + connection.clientLine() + "'");
        }
        in.transferTo(remote.getOutputStream());
        remote.shutdownOutput();
    }

    private static byte[] readLine(InputStream in) throws IOException {
        byte[] line = new byte[MAX_IDENTIFICATION];
        int length = 0;
        while (length < line.length) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            line[length++] = (byte) c;
            if (c == '\n') {
                break;
            }
        }
        return Arrays.copyOf(line, length);
    }

    /** Runs one direction; an error or the end of either side ends the relay. */
    private void start(String name, Pump pump) {
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", name, e.toString());
                close();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        closeQuietly(local);
        closeQuietly(connection.socket());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort: the session is over
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }
}
