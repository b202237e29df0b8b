package org.sshdoctor.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apiguardian.api.API;
import org.sshdoctor.auth.KeyAnswer.Answer;
import org.sshdoctor.ssh.QueryClients;

/**
 * Asks a server which public keys it would accept for a user, without signing anything: publickey
 * requests with "has signature" false, answered by PK_OK or FAILURE. OpenSSH counts each refusal against
 * MaxAuthTries and disconnects at the limit; the query then goes on over a new connection, and the
 * answers say which connection asked. A random throwaway key is asked about last: a server that accepts
 * it (tinysshd does, for any key) proves nothing with its PK_OK answers.
 *
 * <p>Offering public keys tells the server who holds them, as ssh itself does; callers should ask only
 * servers whose host key they trust.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PublicKeyQuery {
    private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(5);

    private PublicKeyQuery() {}

    /**
     * @param answers one answer per key, in the order given
     * @param acceptsAnyKey true when the server accepted a random key nobody authorized: its answers mean nothing
     * @param connections how many connections were used
     * @param problem why some keys were not asked, if any were not
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Result(List<KeyAnswer> answers, boolean acceptsAnyKey, int connections, Optional<String> problem) {
        public Result {
            answers = List.copyOf(answers);
            requireNonNull(problem, "problem");
        }
    }

    /**
     * Asks with a client that accepts any host key: only for a server the caller trusts by other means
     * (tests on loopback). The diagnosis uses {@link #ask(InetSocketAddress, String, List, Duration, Predicate)}.
     *
     * @param timeout for each connection, from connect to the last answer
     */
    public static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout) {
        return ask(address, user, keys, timeout, auth -> QueryClients.create(auth, hostKey -> true));
    }

    /**
     * Asks over connections of a client made by {@code clients} from our query method: in the diagnosis,
     * {@link QueryClients#create(UserAuthFactory, org.sshdoctor.ssh.HostKeyTrust, boolean)}, whose host key check
     * keeps the keys from any server known_hosts does not vouch for.
     *
     * @param timeout for each connection, from connect to the last answer
     */
    public static Result ask(InetSocketAddress address, String user, List<PublicKey> keys, Duration timeout,
            Function<UserAuthFactory, SshClient> clients) {
        List<PublicKey> all = new ArrayList<>(keys);
        all.add(throwawayKey());
        QueryState state = new QueryState(all);
        Optional<String> problem = Optional.empty();
        try (SshClient client = clients.apply(new PublicKeyQueryAuth.Factory(state))) {
            client.start();
            int maxConnections = all.size() + 1;
            while (!state.done() && state.connections() < maxConnections) {
                int answeredBefore = answered(state);
                state.newConnection();
                Optional<String> failure = oneConnection(client, address, user, state, timeout);
                if (answered(state) == answeredBefore) {
                    problem = Optional.of(failure.orElse("the server does not offer publickey authentication"));
                    break;
                }
            }
        } catch (IOException e) {
            problem = Optional.of("the SSH client could not start: " + e.getMessage());
        }
        List<KeyAnswer> results = state.results();
        boolean anyKey = results.get(results.size() - 1).accepted();
        return new Result(results.subList(0, keys.size()), anyKey, state.connections(), problem);
    }

    /** One connection asking until done, refused by disconnect, or out of time; the failure text, if any. */
    private static Optional<String> oneConnection(SshClient client, InetSocketAddress address, String user, QueryState state,
            Duration timeout) {
        try (ClientSession session = client.connect(user, address).verify(timeout.toMillis()).getSession()) {
            Optional<String> ended = Optional.empty();
            try {
                session.auth().verify(timeout.toMillis());
            } catch (IOException | RuntimeException expected) {
                // MINA ends with "No more authentication methods available" once every key was asked,
                // or with the server's disconnect ("Too many authentication failures"); it is the reason
                // only when nothing was answered (a host key we refused, a dropped connection).
                ended = Optional.of("the connection ended before any answer: " + expected.getMessage());
            }
            if (state.hasPending()) {
                // A query without answer: OpenSSH answers the MaxAuthTries-th refusal by disconnecting.
                session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), DISCONNECT_WAIT.toMillis());
                if (!session.isOpen()) {
                    state.answerPending(Answer.REFUSED_AND_DISCONNECTED);
                }
            }
            state.requeueUnanswered();
            return ended;
        } catch (IOException | RuntimeException e) {
            state.requeueUnanswered();
            return Optional.of("connecting failed: " + e.getMessage());
        }
    }

    private static int answered(QueryState state) {
        return (int) state.results().stream().filter(a -> a.answer() != Answer.NOT_ASKED).count();
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
