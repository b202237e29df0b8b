package org.sshdoctor.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A misbehaving server on a loopback port, in-process: it plays what OpenSSH will not be (silent,
 * closing at once, a web server, a tarpit…). Every connection is served on its own daemon thread and
 * everything is closed when the test ends; nothing it does is unbounded past the test.
 */
public final class FakePeer implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** How the peer treats each connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    /** Accepts and never sends a byte. */
    public static final Behaviour SILENT = socket -> Thread.sleep(Long.MAX_VALUE);

    /** Accepts and closes at once, as sshd does for a client refused by TCP wrappers. */
    public static final Behaviour CLOSE = Socket::close;

    /** Accepts and resets (RST), like a firewall or a crashed session process. */
    public static final Behaviour RESET = socket -> {
        socket.getInputStream().read(new byte[256]);
        socket.setSoLinger(true, 0);
        socket.close();
    };

    /** A web server: reads the request line, answers 400 and closes, like nginx does for "SSH-2.0-…". */
    public static final Behaviour HTTP = socket -> {
        socket.getInputStream().read(new byte[256]);
        send(socket, "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        socket.close();
    };

    /** An endlessh-style tarpit: a random line every 200 ms, forever (until the test closes it). */
    public static final Behaviour TARPIT = socket -> {
        Random random = new Random(1);
        while (!socket.isClosed()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 3 + random.nextInt(28); i++) {
                line.append((char) ('a' + random.nextInt(26)));
            }
            send(socket, line + "\r\n");
            Thread.sleep(200);
        }
    };

    /** Sends the given text, then waits for the client to close. */
    public static Behaviour sends(String text) {
        return socket -> {
            send(socket, text);
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        };
    }

    private final Behaviour behaviour;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    public FakePeer(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public int port() {
        return server.getLocalPort();
    }

    public FakePeer start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread worker = new Thread(() -> {
                    try {
                        behaviour.serve(socket);
                    } catch (IOException | InterruptedException ignored) {
                        // the client went away or the test ended
                    }
                }, "fake-peer-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
