import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that delays each direction by D milliseconds, for the round-trip benchmark
 * (bench/round-trips.sh). Run with the JDK's source launcher, no build and no external tool:
 *
 * <pre>java bench/LatencyProxy.java TARGET_PORT DELAY_MS   # prints "PORT n" once listening on 127.0.0.1:n</pre>
 *
 * <p>Each direction is a delay line: a reader stamps every chunk it reads with "due = now + D" and a
 * writer sends it when due, so bursts are not slowed, only shifted. The kernel completes the client's TCP
 * handshake with the proxy at once, which no user-space proxy can delay; instead the proxy opens the
 * upstream connection 3·D after accepting (SYN, SYN-ACK, ACK) and holds the client's bytes until then, so
 * the server sees the client's first bytes at 3·D and the client sees the server's first bytes at 4·D, as
 * over a real link with one-way delay D. Prints the number of connections served on stderr at exit.
 */
public final class LatencyProxy {
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    /** A chunk in a delay line; an empty chunk means end of stream. */
    private record Chunk(long dueNanos, byte[] bytes) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java LatencyProxy.java TARGET_PORT DELAY_MS");
            System.exit(2);
        }
        int targetPort = Integer.parseInt(args[0]);
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("connections " + CONNECTIONS.get())));
        try (ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            System.out.println("PORT " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                long accepted = System.nanoTime();
                CONNECTIONS.incrementAndGet();
                start(() -> relay(client, accepted, targetPort, delayNanos));
            }
        }
    }

    private static void relay(Socket client, long accepted, int targetPort, long delay) {
        LinkedBlockingQueue<Chunk> up = new LinkedBlockingQueue<>();
        start(() -> read(client, up, delay));
        try (client; Socket server = new Socket()) {
            client.setTcpNoDelay(true);
            sleepUntil(accepted + 3 * delay);
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
            server.setTcpNoDelay(true);
            LinkedBlockingQueue<Chunk> down = new LinkedBlockingQueue<>();
            start(() -> read(server, down, delay));
            Thread upWriter = start(() -> write(up, server));
            write(down, client);
            upWriter.join(TimeUnit.SECONDS.toMillis(30));
        } catch (IOException | InterruptedException e) {
            // One side went away: closing both ends is all a proxy can do.
        }
    }

    /** Reads chunks as they come and queues each, due D after it arrived; an empty chunk at the end. */
    private static void read(Socket from, LinkedBlockingQueue<Chunk> line, long delay) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                line.add(new Chunk(System.nanoTime() + delay, Arrays.copyOf(buffer, n)));
            }
        } catch (IOException closed) {
            // The end of the stream, as far as the other side is concerned.
        }
        line.add(new Chunk(System.nanoTime() + delay, new byte[0]));
    }

    /** Writes each chunk when due; at the end of the stream, half-closes the other side. */
    private static void write(LinkedBlockingQueue<Chunk> line, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = line.take();
                sleepUntil(chunk.dueNanos());
                if (chunk.bytes().length == 0) {
                    to.shutdownOutput();
                    return;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The peer is gone.
        }
    }

    private static void sleepUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body, "latency-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
