package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sshdoctor.engine.Fact;

/**
 * Fetches the host keys of the types the main session does not get: one connection per type, at most
 * {@value #PARALLEL} at a time, started the moment the main session has negotiated its host key
 * algorithm (both KEXINITs known), so they run beside its key exchange and authentication instead of
 * after them. A server with three key types thus costs three connections in all, the main one included.
 */
final class HostKeyScan {
    /** Published by {@link KexProbe}, awaited by {@link HostKeyProbe}. */
    static final Fact<HostKeyScan> FACT = Fact.of("host key scan", HostKeyScan.class);
    /** Parallel connections per server: OpenSSH's MaxStartups starts dropping at 10. */
    static final int PARALLEL = 3;

    private final CompletableFuture<Map<String, ServerHostKey>> keys = new CompletableFuture<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private HostKeyScan() {}

    /**
     * Starts scanning once {@code main} has negotiated; the threads end with the scan, and at the latest
     * when {@code deadline} passes (each handshake is bounded by it).
     */
    static HostKeyScan whenNegotiated(SessionCapture main, ProbeSshClient client, InetSocketAddress address, String user,
            Duration phase, Instant deadline) {
        HostKeyScan scan = new HostKeyScan();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, runnable -> {
            Thread thread = new Thread(runnable, "sshdoctor-hostkey");
            thread.setDaemon(true);
            return thread;
        });
        // Runs on MINA's I/O thread when the negotiation ends: only hand the work on, never block there.
        main.negotiatedHostKey.thenAcceptBothAsync(main.kexInit, (negotiated, server) -> {
            Map<String, List<String>> wanted = typesToScan(server, negotiated);
            Map<String, CompletableFuture<Handshake>> scans = new LinkedHashMap<>();
            wanted.forEach((type, algorithms) -> scans.put(type, CompletableFuture.supplyAsync(() -> scan.fetch(
                    client, address, user, algorithms, phase, deadline), pool)));
            CompletableFuture.allOf(scans.values().toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
                Map<String, ServerHostKey> found = new LinkedHashMap<>();
                scans.forEach((type, handshake) -> handshake.getNow(emptyHandshake()).hostKey()
                        .ifPresent(key -> found.put(type, key)));
                pool.shutdown();
                scan.keys.complete(found);
            });
        }, pool).whenComplete((ignored, error) -> {
            if (error != null) { // no negotiation in the main session: nothing to scan beside it
                pool.shutdown();
                scan.keys.complete(Map.of());
            }
        });
        return scan;
    }

    /**
     * One key type's handshake; a connection refused before the greeting (MaxStartups, PerSourcePenalties)
     * is counted and retried once, 150 ms later.
     */
    private Handshake fetch(ProbeSshClient client, InetSocketAddress address, String user, List<String> algorithms,
            Duration phase, Instant deadline) {
        Handshake handshake = client.handshake(address, user, algorithms, Handshake.Stage.KEX, phase, deadline);
        connections.incrementAndGet();
        if (refusedBeforeGreeting(handshake)) {
            refused.incrementAndGet();
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handshake;
            }
            handshake = client.handshake(address, user, algorithms, Handshake.Stage.KEX, phase, deadline);
            connections.incrementAndGet();
            if (refusedBeforeGreeting(handshake)) {
                refused.incrementAndGet();
            }
        }
        return handshake;
    }

    /** Closed or reset before the server's identification, without waiting: refused, not slow. */
    static boolean refusedBeforeGreeting(Handshake handshake) {
        return handshake.serverVersion().isEmpty() && handshake.failure().filter(f -> !f.timedOut()).isPresent();
    }

    /** Connections the scan opened, retries included; meaningful once {@link #await} returned. */
    int connections() {
        return connections.get();
    }

    /** Of those, how many the server refused before its greeting. */
    int refused() {
        return refused.get();
    }

    /**
     * The key types the server offers, each with its algorithms, minus the one the main session
     * negotiated (a certificate carries the plain key of its type, so that type is covered too).
     */
    static Map<String, List<String>> typesToScan(ServerKexInit server, String negotiated) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String algorithm : server.algorithms(KexList.HOST_KEY)) {
            String type = HostKeyProbe.keyType(algorithm);
            if (!type.isEmpty()) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(algorithm);
            }
        }
        byType.remove(HostKeyProbe.plainKeyType(negotiated));
        return byType;
    }

    /** The keys found by type, in the server's order; what arrived by {@code deadline} if it is slower. */
    Map<String, ServerHostKey> await(Instant deadline) throws InterruptedException {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            return keys.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Map.of();
        }
    }

    private static Handshake emptyHandshake() {
        return new Handshake(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
    }
}
