package org.sshdoctor.ssh;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sshdoctor.engine.Fact;

/**
 * The shared SSH client of one diagnosis, being started on a daemon thread of its own: the diagnosis
 * neither waits for it when no SSH session follows (a refused port) nor leaks it. Closing stops the
 * client, now or as soon as its start completes.
 */
final class SshClientStart implements AutoCloseable {
    /** Published by {@link SshClientProbe}, awaited by {@link KexProbe}. */
    static final Fact<SshClientStart> FACT = Fact.of("ssh client", SshClientStart.class);

    private final CompletableFuture<ProbeSshClient> client = new CompletableFuture<>();
    private boolean closed;

    private SshClientStart() {}

    static SshClientStart begin() {
        SshClientStart start = new SshClientStart();
        Thread thread = new Thread(start::run, "sshdoctor-ssh-client-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private void run() {
        try {
            ProbeSshClient started = ProbeSshClient.start();
            synchronized (this) {
                // Under the lock with close()'s look: a client completed after that look would never be closed.
                if (!closed) {
                    client.complete(started);
                    return;
                }
            }
            started.close();
        } catch (RuntimeException | Error e) {
            client.completeExceptionally(e);
        }
    }

    /**
     * The started client.
     *
     * @throws TimeoutException if it is not ready by {@code deadline}
     * @throws ExecutionException if it failed to start (a bug, or a Java without the crypto it needs)
     */
    ProbeSshClient await(Instant deadline) throws InterruptedException, ExecutionException, TimeoutException {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        return client.get(left, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ProbeSshClient started;
        synchronized (this) {
            closed = true;
            started = client.getNow(null);
        }
        if (started != null) {
            started.close();
        }
    }
}
