package org.sshdoctor.jump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * A loopback port whose every connection is carried by a fresh run of a command speaking the connection on
 * its stdin/stdout: the user's own {@code ssh -W host:port jump} (or their ProxyCommand), as ssh itself uses
 * it. The probes connect to {@link #port()} as to any server. Each process is ended when its connection
 * ends, and all of them on {@link #close()}. What a process wrote on stderr is kept (bounded), so a login
 * or forwarding failure on the jump host can be reported in its own words.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JumpTransport implements AutoCloseable {
    private static final int MAX_STDERR = 4096;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * One carried connection.
     *
     * @param forwarded whether any byte came from the far end
     * @param failed the command ended on its own, nothing forwarded, while the probe was still connected
     * @param exitCode the command's exit code (-1 if it had to be killed)
     * @param stderr what the command said on stderr (the first 4 KB)
     */
    public record Run(boolean forwarded, boolean failed, int exitCode, String stderr) {}

    private final List<String> command;
    private final ServerSocket server;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private JumpTransport(List<String> command, ServerSocket server) {
        this.command = List.copyOf(command);
        this.server = server;
    }

    /**
     * First runs {@code master} (an {@code ssh -M -S SOCKET -N} that logs in once and stays) and waits, at most
     * {@code wait}, for its control socket; then as {@link #start(List)}, the connections' commands going through
     * that one login ({@code ssh -S SOCKET -W ...}). If the master fails, its words are kept as a failed run and
     * each connection's ssh logs in by itself, as it does when the control socket is missing.
     */
    public static JumpTransport startMultiplexed(List<String> master, Path socket, List<String> command, Duration wait)
            throws IOException {
        JumpTransport transport = start(command);
        Process process = new ProcessBuilder(master).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        transport.processes.add(process);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        transport.daemon(() -> copy(process.getErrorStream(), stderr));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!Files.exists(socket) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!process.isAlive()) {
                process.waitFor(1, TimeUnit.SECONDS);
                synchronized (stderr) {
                    transport.runs.add(new Run(false, true, process.exitValue(), stderr.toString(StandardCharsets.UTF_8)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return transport;
    }

    /** Listens on a free loopback port; each accepted connection starts {@code command}. */
    public static JumpTransport start(List<String> command) throws IOException {
        // 127.0.0.1 itself: with java.net.preferIPv6Addresses=system (the CLI's setting) the "loopback address" is ::1.
        JumpTransport transport = new JumpTransport(command, new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
        transport.daemon(transport::acceptLoop);
        return transport;
    }

    /** The loopback port to connect to, on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    public List<String> command() {
        return command;
    }

    /** The connections carried and finished so far. */
    public List<Run> runs() {
        return List.copyOf(runs);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon(() -> carry(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void carry(Socket socket) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            runs.add(new Run(false, true, -1, "could not run " + command.get(0) + ": " + e.getMessage()));
            close(socket);
            return;
        }
        processes.add(process);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errors = daemon(() -> copy(process.getErrorStream(), stderr));
        java.util.concurrent.atomic.AtomicBoolean probeClosed = new java.util.concurrent.atomic.AtomicBoolean();
        Thread up = daemon(() -> {
            try {
                pump(socket.getInputStream(), process.getOutputStream());
            } catch (IOException e) {
                // The probe closed its end.
            }
            probeClosed.set(true);
            close(process.getOutputStream());
        });
        long forwarded = 0;
        boolean commandEnded = false;
        try {
            forwarded = pump(process.getInputStream(), socket.getOutputStream());
            commandEnded = true;
        } catch (IOException e) {
            // The probe went away first.
        }
        boolean failed = commandEnded && forwarded == 0 && !probeClosed.get();
        close(socket);
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            up.join(1000);
            errors.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        String said;
        synchronized (stderr) {
            said = stderr.toString(StandardCharsets.UTF_8);
        }
        runs.add(new Run(forwarded > 0, failed, code, said));
    }

    /** Copies until the end of {@code in}; the bytes copied. */
    private static long pump(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        long total = 0;
        // total counts what was written: a probe that closed its socket first makes the write fail.
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            out.flush();
            total += n;
        }
        return total;
    }

    private static void copy(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (sink) {
                    if (sink.size() < MAX_STDERR) {
                        sink.write(buffer, 0, Math.min(n, MAX_STDERR - sink.size()));
                    }
                }
            }
        } catch (IOException ended) {
            // The process ended.
        }
    }

    private Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "sshdoctor-jump-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }

    /** Stops listening and ends every process it started (and their children). */
    @Override
    public void close() {
        close(server);
        List<Process> all = new ArrayList<>(processes);
        for (Process process : all) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : all) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
