package org.sshdoctor.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apiguardian.api.API;
import org.sshdoctor.ssh.QueryClients;

/**
 * Asks a server which public keys it would accept for a user, without signing anything: publickey
 * requests with "has signature" false, answered by PK_OK or FAILURE. The queries are pipelined: each
 * connection sends as many as the server's MaxAuthTries allows in one burst (OpenSSH counts each refusal
 * and disconnects at the limit; PK_OK answers are free) and the answers are matched in order. Keys beyond
 * one connection's budget go over a second connection opened at the same time; a server that shows a
 * smaller limit by disconnecting gets smaller bursts, one that mishandles queries in flight gets them one
 * at a time. The answers say which connection asked. A random throwaway key is asked about last: a server that accepts
 * it (tinysshd does, for any key) proves nothing with its PK_OK answers.
 *
 * <p>Offering public keys tells the server who holds them, as ssh itself does; callers should ask only
 * servers whose host key they trust.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PublicKeyQuery {
    private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(5);
    private static final Duration MIN_DISCONNECT_WAIT = Duration.ofMillis(500);
    /** Query connections open at once: enough for 10 keys at OpenSSH's default limit, polite to MaxStartups. */
    private static final int MAX_PARALLEL = 2;

    private PublicKeyQuery() {}

    /**
     * @param answers one answer per key, in the order given
     * @param acceptsAnyKey true when the server accepted a random key nobody authorized: its answers mean nothing
     * @param connections how many connections were used
     * @param problem why some keys were not asked, if any were not
     * @param bursts how many bursts of queries were sent (each costs one round trip on its connection)
     * @param pipelined false when the server mishandled queries in flight and they were asked one at a time
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Result(List<KeyAnswer> answers, boolean acceptsAnyKey, int connections, Optional<String> problem,
            int bursts, boolean pipelined) {
        public Result {
            answers = List.copyOf(answers);
            requireNonNull(problem, "problem");
        }

        public Result(List<KeyAnswer> answers, boolean acceptsAnyKey, int connections, Optional<String> problem) {
            this(answers, acceptsAnyKey, connections, problem, connections, true);
        }
    }

    /**
     * Asks with a client that accepts any host key: only for a server the caller trusts by other means
     * (tests on loopback). The diagnosis uses {@link #ask(InetSocketAddress, String, List, Duration, Function)}.
     *
     * @param timeout for each connection, from connect to the last answer
     */
    public static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout) {
        return ask(address, user, keys, timeout, auth -> QueryClients.create(auth, hostKey -> true));
    }

    /**
     * Asks over connections of a client made by {@code clients} from our query method: in the diagnosis,
     * {@link QueryClients#create(UserAuthFactory, org.sshdoctor.ssh.HostKeyTrust, boolean)}, whose host key check
     * keeps the keys from any server known_hosts does not vouch for. The whole run takes at most four times
     * {@code timeout}.
     *
     * @param timeout for each connection, from connect to the last answer
     */
    public static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout,
            Function<UserAuthFactory, SshClient> clients) {
        return ask(address, user, keys, timeout, Instant.now().plus(timeout.multipliedBy(4)), clients);
    }

    /**
     * As {@link #ask(InetSocketAddress, String, List, Duration, Function)}, ending by {@code deadline}: keys
     * not answered by then are reported as not asked.
     */
    public static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout, Instant deadline,
            Function<UserAuthFactory, SshClient> clients) {
        return ask(address, user, keys, timeout, deadline, clients, true);
    }

    /** @param pipelined false to ask one key at a time from the start (tests compare both ways) */
    static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout, Instant deadline,
            Function<UserAuthFactory, SshClient> clients, boolean pipelined) {
        QueryState state = newState(keys);
        if (!pipelined) {
            state.fallBackToSequential();
        }
        return askRest(state, keys.size(), address, user, timeout, deadline, clients, pipelined);
    }

    /** The keys to ask about, a throwaway key last. */
    static QueryState newState(List<PublicKey> keys) {
        List<PublicKey> all = new ArrayList<>(keys);
        all.add(throwawayKey());
        return new QueryState(all);
    }

    /**
     * Asks what {@code state} has not had answered yet (all of it, or what the lanes riding the diagnosis's
     * own sessions left: keys given back, a smaller MaxAuthTries seen, pipelining given up), then replays
     * ssh's order if needed.
     *
     * @param asked the number of keys of the caller, the throwaway key excluded
     */
    static Result askRest(QueryState state, int asked, InetSocketAddress address, String user, Duration timeout,
            Instant deadline, Function<UserAuthFactory, SshClient> clients, boolean pipelined) {
        int total = asked + 1;
        Optional<String> problem = Optional.empty();
        ExecutorService lanes = Executors.newFixedThreadPool(MAX_PARALLEL, runnable -> {
            Thread thread = new Thread(runnable, "sshdoctor-pubkey-query");
            thread.setDaemon(true);
            return thread;
        });
        try (SshClient client = clients.apply(new PublicKeyQueryAuth.Factory())) {
            if (pipelined) {
                client.setServiceFactories(List.of(new PipelinedAuthService.Factory(), ClientConnectionServiceFactory.INSTANCE));
            }
            client.start();
            int maxConnections = state.connections() + total + 2;
            while (!state.done() && state.hasWaiting() && state.connections() < maxConnections) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    problem = Optional.of("out of time");
                    break;
                }
                Duration perConnection = left.compareTo(timeout) < 0 ? left : timeout;
                int answeredBefore = state.answered();
                boolean sequentialBefore = state.sequential();
                int parallel = Math.max(1, Math.min(MAX_PARALLEL, state.connectionsWanted()));
                List<Future<Optional<String>>> running = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    Lane lane = state.newLane();
                    running.add(lanes.submit(() -> oneConnection(client, address, user, lane, perConnection)));
                }
                Optional<String> failure = Optional.empty();
                for (Future<Optional<String>> lane : running) {
                    Optional<String> ended = lane.get();
                    failure = failure.or(() -> ended);
                }
                if (state.answered() == answeredBefore && sequentialBefore == state.sequential()) {
                    problem = Optional.of(failure.orElse("the server does not offer publickey authentication"));
                    break;
                }
            }
            // Not for a server that accepts any key (its PK_OK means nothing), and only with time left.
            boolean anyKey = state.results().get(asked).accepted();
            int beyond = anyKey ? -1 : state.acceptedBeyondDefaultLimit(asked);
            if (beyond >= 0 && !Instant.now().isAfter(deadline)) {
                List<PublicKey> order = new ArrayList<>();
                for (int i = 0; i <= beyond; i++) {
                    order.add(state.key(i));
                }
                replay(client, address, user, order, state, timeout);
            }
        } catch (IOException e) {
            problem = Optional.of("the SSH client could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = Optional.of("interrupted");
        } catch (ExecutionException e) {
            problem = Optional.of("a query connection failed: " + e.getCause());
        } finally {
            lanes.shutdownNow();
        }
        List<KeyAnswer> results = state.results();
        boolean anyKey = results.get(results.size() - 1).accepted();
        return new Result(results.subList(0, asked), anyKey, state.connections(), problem, state.bursts(),
                !state.sequential());
    }

    /**
     * ssh's own order on one connection, the accepted key last: the server either answers it (ssh gets there)
     * or cuts the connection at its MaxAuthTries, which the answers then show. Only run when the default
     * limit would be the whole prediction: it makes the server log the same disconnect ssh would cause.
     */
    private static void replay(SshClient client, InetSocketAddress address, String user, List<PublicKey> order, QueryState state,
            Duration timeout) {
        QueryState replay = new QueryState(order);
        replay.unlimited();
        oneConnection(client, address, user, replay.newLane(), timeout);
        state.adopt(replay);
    }

    /** One connection asking until its budget is spent, refused by disconnect, or out of time; the failure text, if any. */
    private static Optional<String> oneConnection(SshClient client, InetSocketAddress address, String user, Lane lane,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ClientSession session = client.connect(user, address).verify(timeout.toMillis()).getSession()) {
            session.setAttribute(PublicKeyQueryAuth.Factory.LANE, lane);
            return finish(session, session.auth(), lane, deadline);
        } catch (IOException | RuntimeException e) {
            lane.decide(false);
            lane.ended(Lane.End.BY_US);
            return Optional.of("connecting failed: " + e.getMessage());
        }
    }

    /**
     * Waits for a lane's authentication to end (or for the lane to be refused the keys), then settles what is
     * still in flight; the failure text, if any. The caller closes the session.
     *
     * @param deadline in {@link System#nanoTime()} terms
     */
    static Optional<String> finish(ClientSession session, AuthFuture auth, Lane lane, long deadline) {
        Optional<String> ended = Optional.empty();
        CompletableFuture<Object> authEnded = new CompletableFuture<>();
        auth.addListener(future -> authEnded.complete(future));
        try {
            CompletableFuture.anyOf(authEnded, lane.closed()).get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Said below: the authentication did not end.
        }
        if (!auth.isDone() || auth.getException() != null) {
            // MINA ends with "No more authentication methods available" once the lane's budget is spent,
            // or with the server's disconnect ("Too many authentication failures"); it is the reason
            // only when nothing was answered (a host key we refused, a dropped connection).
            ended = Optional.of("the connection ended before any answer: "
                    + (auth.getException() == null ? "no answer in time" : auth.getException().getMessage()));
        }
        if (lane.waiting() && !lane.notOffered()) {
            // Queries without answer: OpenSSH answers the MaxAuthTries-th refusal by disconnecting;
            // a server still open here did not answer queries in flight.
            long left = Math.max(MIN_DISCONNECT_WAIT.toMillis(), (deadline - System.nanoTime()) / 1_000_000);
            session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Math.min(DISCONNECT_WAIT.toMillis(), left));
            if (session.isOpen()) {
                lane.stalled();
            } else {
                lane.endedByServer();
            }
        }
        lane.ended(Lane.End.BY_US);
        return ended;
    }

    /** A fresh ed25519 key nobody can have authorized (ed25519: the one type every server supports, tinysshd included). */
    private static PublicKey throwawayKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ed25519 needs BouncyCastle, which sshdoctor ships", e);
        }
    }
}
