package org.sshdoctor.ssh;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apiguardian.api.API;

/**
 * MINA clients for probes that go past the {@code none} request (the public-key query), set up like the
 * handshake probes' client: our identification string, every algorithm MINA has, no ssh_config resolver,
 * no identity, no password, so nothing can be signed or sent that the caller did not put in its own
 * authentication method; and a host key check of the caller's choosing instead of "accept all".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QueryClients {
    private QueryClients() {}

    /**
     * A client, not started, that authenticates only with {@code auth} and goes on only with a host key
     * {@code hostKeyAccepted} accepts (the connection fails otherwise, before any authentication).
     */
    public static SshClient create(UserAuthFactory auth, Predicate<PublicKey> hostKeyAccepted) {
        SshClient client = ProbeSshClient.configured();
        client.setUserAuthFactories(List.of(auth));
        client.setServerKeyVerifier((session, address, key) -> hostKeyAccepted.test(key));
        return client;
    }

    /**
     * Tells, then or later, whether the server ended {@code session} with SSH_MSG_DISCONNECT, so that every
     * answer it sent before was read; false for a connection closed or reset without one, which may have lost
     * answers in flight. Call it while the session is open (MINA forgets a closed session's attributes).
     */
    public static BooleanSupplier disconnectWatch(Session session) {
        return DisconnectMark.watch(session);
    }

    /**
     * The host key types known_hosts holds for the host (plain, non-revoked lines), or an empty set when a
     * {@code @cert-authority} line applies (a certificate of any type may be vouched for); empty when no line
     * mentions the host. A forecast, made before any connection, of whether the host key check will vouch for
     * the server and with which key type: only the check decides.
     */
    public static Optional<Set<String>> knownHostKeyTypes(List<java.nio.file.Path> files, String host, int port) {
        List<KnownHosts.Entry> entries = KnownHosts.read(files).forHost(host, port);
        if (entries.stream().anyMatch(e -> e.marker().filter("cert-authority"::equals).isPresent())) {
            return Optional.of(Set.of());
        }
        Set<String> types = entries.stream().filter(e -> e.marker().isEmpty()).map(KnownHosts.Entry::keyType)
                .collect(Collectors.toSet());
        return types.isEmpty() ? Optional.empty() : Optional.of(types);
    }

    /**
     * A client, not started, as {@link #create(UserAuthFactory, Predicate)} that proposes only host key
     * algorithms of {@code hostKeyTypes} (all when empty), so the server presents a key of a type known_hosts
     * holds.
     */
    public static SshClient create(UserAuthFactory auth, Set<String> hostKeyTypes, Predicate<PublicKey> hostKeyAccepted) {
        SshClient client = create(auth, hostKeyAccepted);
        if (!hostKeyTypes.isEmpty()) {
            client.setSignatureFactories(ProbeSshClient.allSignatures(name -> hostKeyTypes.contains(HostKeyProbe.plainKeyType(name))));
        }
        return client;
    }

    /**
     * A client, not started, that authenticates only with {@code auth}, proposes only host key algorithms of
     * the types {@code trust} allows (so the server presents a key known_hosts vouches for, not another type),
     * and goes on only with one of those keys.
     *
     * @param evenUnknown also allow the keys the host key probe saw when known_hosts vouches for none (--query-keys)
     */
    public static SshClient create(UserAuthFactory auth, HostKeyTrust trust, boolean evenUnknown) {
        Set<String> types = trust.allowed(evenUnknown).stream().map(KeyUtils::getKeyType).collect(Collectors.toSet());
        SshClient client = create(auth, key -> trust.accepts(key, evenUnknown));
        client.setSignatureFactories(ProbeSshClient.allSignatures(name -> types.contains(HostKeyProbe.plainKeyType(name))));
        return client;
    }
}
