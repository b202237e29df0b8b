package org.sshdoctor.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the real-server extensions: a daemon started on a free loopback port with files in a temp
 * directory, stopped by the test that started it. Registered as a static field it lives for the class,
 * as an instance field for each test. Where the daemon is not installed the test is skipped locally
 * and fails in CI (CI=true), since CI installs every daemon the tests use.
 */
public abstract class ServerProcess implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private Path directory;
    private int port;
    private Process process;
    private boolean classScoped;

    /** The program to check before starting (absolute path). */
    protected abstract Path binary();

    /** Prepares files (keys, config) in {@code dir} and returns the command line for {@code port}. */
    protected abstract List<String> prepare(Path dir, int port) throws Exception;

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** What the daemon wrote to stdout and stderr so far. */
    public String log() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        classScoped = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            stop();
        }
    }

    /** Starts the daemon; retries on another port if the chosen one was taken meanwhile. */
    public void start() throws Exception {
        requireInstalled(binary());
        directory = Files.createTempDirectory("sshdoctor-" + getClass().getSimpleName().toLowerCase() + "-");
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            List<String> command = prepare(directory, port);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile()).start();
            if (awaitListening()) {
                return;
            }
            failures.add("port " + port + ": " + log());
            stop();
        }
        throw new IllegalStateException(getClass().getSimpleName() + " did not start: " + failures);
    }

    public void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Runs a helper program (e.g. ssh-keygen) to completion, failing with its output if it fails. */
    protected static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void requireInstalled(Path binary) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String message = binary + " is not installed (apt-get install openssh-server dropbear-bin tinysshd)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
    }
}
