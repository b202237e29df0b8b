package org.sshdoctor.ssh;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
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
     * Whether known_hosts has a line for the host (a plain key or a {@code @cert-authority}): a forecast, made
     * before any connection, that the host key check will vouch for the server. Only the check decides; the
     * forecast just says whether starting work that needs its approval is worth a connection.
     */
    public static boolean knownHostsMentions(List<java.nio.file.Path> files, String host, int port) {
        return KnownHosts.read(files).forHost(host, port).stream()
                .anyMatch(e -> e.marker().isEmpty() || e.marker().get().equals("cert-authority"));
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
