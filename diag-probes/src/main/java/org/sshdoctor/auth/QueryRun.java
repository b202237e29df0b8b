package org.sshdoctor.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.client.session.ClientSession;
import org.sshdoctor.ssh.HostKeyTrust;
import org.sshdoctor.ssh.QueryClients;
import org.sshdoctor.ssh.ServerHostKey;
import org.sshdoctor.ssh.SessionRider;

/**
 * The public-key queries of one diagnosis, started before the host key check has ended so they cost no round
 * trip of their own: the first MaxAuthTries − 1 keys ride the kex probe's main session right behind its
 * {@code none} request, the rest go over one more connection opened at the same time. Neither lane sends a
 * key before the host key check allows it for the key that lane's server presented, by the public-key step's
 * own rule ({@link HostKeyTrust#accepts}); refused, they send nothing. What they leave unanswered, the
 * public-key step asks afterwards as it always did ({@link PublicKeyQuery#askRest}).
 */
final class QueryRun implements SessionRider, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueryRun.class.getName());
    private final QueryState state;
    private final int asked;
    private final boolean evenUnknown;
    private final Duration timeout;
    private final CompletableFuture<Optional<HostKeyTrust>> trust = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> lanes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private final AtomicBoolean mainBoarded = new AtomicBoolean();
    private volatile Lane mainLane;
    private volatile boolean secondStarted;
    private volatile CompletableFuture<Void> mainDone;

    /**
     * @param evenUnknown ask a server known_hosts does not vouch for (--query-keys)
     * @param timeout for each connection, from connect to the last answer
     */
    QueryRun(List<PublicKey> keys, boolean evenUnknown, Duration timeout) {
        this.state = PublicKeyQuery.newState(keys);
        this.asked = keys.size();
        this.evenUnknown = evenUnknown;
        this.timeout = timeout;
    }

    /** The host key check's verdict (empty: none came), which opens or closes every lane. */
    void trustDecided(Optional<HostKeyTrust> verdict) {
        trust.complete(verdict);
    }

    /** Whether a server that presented {@code hostKey} may see the keys: the public-key step's rule. */
    private boolean allowed(Optional<HostKeyTrust> verdict, PublicKey hostKey) {
        return hostKey != null && verdict.filter(t -> t.accepts(hostKey, evenUnknown)).isPresent();
    }

    /** More keys than the main session's lane can carry without reaching the server's limit. */
    boolean needsSecondLane() {
        return asked + 1 > state.budget();
    }

    /**
     * The main session's lane, made on first use: by {@link #afterNone}, or by {@link #publickey} when the
     * server's answer to the {@code none} was processed (on MINA's thread) before {@code afterNone} ran.
     */
    private synchronized Lane mainLane() {
        if (mainLane == null) {
            // With a second lane beside it, the main lane keeps to its share: the second lane asks the rest.
            mainLane = state.newWaitingLane(0, secondStarted ? state.budget() : Integer.MAX_VALUE);
            mainDone = new CompletableFuture<>();
            lanes.add(mainDone);
        }
        return mainLane;
    }

    @Override
    public void afterNone(ClientSession session, ServerHostKey hostKey, String service) throws IOException {
        if (!mainBoarded.compareAndSet(false, true)) {
            return;
        }
        Lane lane = mainLane();
        lane.noneSent(session, service);
        trust.thenAccept(verdict -> lane.decide(allowed(verdict, hostKey == null ? null : hostKey.key())));
    }

    @Override
    public Optional<UserAuth> publickey(ClientSession session) {
        Lane lane = mainLane();
        lane.methodStarted();
        return Optional.of(new PublicKeyQueryAuth(lane));
    }

    @Override
    public void takeOver(ClientSession session, AuthFuture auth) {
        Lane lane = mainLane();
        CompletableFuture<Void> done = mainDone;
        resources.add(session);
        long deadline = System.nanoTime() + timeout.toNanos();
        daemon("sshdoctor-pubkey-main", () -> {
            try {
                PublicKeyQuery.finish(session, auth, lane, deadline);
                LOG.log(System.Logger.Level.DEBUG, "main session's query lane ended");
            } finally {
                session.close(true);
                done.complete(null);
            }
        });
    }

    /**
     * Opens the second lane's connection now, beside the main session; its keys start where the main lane's
     * share ends. {@code clients} makes the client from our query method and a host key check (which only
     * records the key: the lane's gate decides).
     */
    void startSecondLane(InetSocketAddress address, String user,
            java.util.function.BiFunction<UserAuthFactory, java.util.function.Predicate<PublicKey>, SshClient> clients) {
        secondStarted = true;
        Lane lane = state.newWaitingLane(state.budget(), Integer.MAX_VALUE);
        CompletableFuture<PublicKey> presented = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        lanes.add(done);
        trust.thenCombine(presented, this::allowed).thenAccept(lane::decide);
        SshClient client = clients.apply(new PublicKeyQueryAuth.Factory(), key -> presented.complete(key) || true);
        client.setServiceFactories(List.of(new PipelinedAuthService.Factory(), ClientConnectionServiceFactory.INSTANCE));
        resources.add(client);
        long deadline = System.nanoTime() + timeout.toNanos();
        daemon("sshdoctor-pubkey-second", () -> {
            try {
                client.start();
                LOG.log(System.Logger.Level.DEBUG, "second query lane: client started, connecting");
                try (ClientSession session = client.connect(user, address).verify(timeout.toMillis()).getSession()) {
                    session.setAttribute(PublicKeyQueryAuth.Factory.LANE, lane);
                    PublicKeyQuery.finish(session, session.auth(), lane, deadline);
                    LOG.log(System.Logger.Level.DEBUG, "second query lane ended");
                }
            } catch (IOException | RuntimeException e) {
                lane.decide(false);
                lane.ended(Lane.End.BY_US);
            } finally {
                client.stop();
                done.complete(null);
            }
        });
    }

    /**
     * The answers: waits for the lanes riding the diagnosis's sessions (until {@code deadline}), then asks
     * what they left over {@code clients}' connections, as {@link PublicKeyQuery#ask} would.
     */
    PublicKeyQuery.Result finish(InetSocketAddress address, String user, Duration perConnection, Instant deadline,
            Function<UserAuthFactory, SshClient> clients) throws InterruptedException {
        long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(left, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Lanes still running give nothing more; their keys are asked again below.
        }
        return PublicKeyQuery.askRest(state, asked, address, user, perConnection, deadline, clients, true);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        trust.complete(Optional.empty());
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort: the diagnosis is over
            }
        }
    }
}
