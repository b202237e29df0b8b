package org.sshdoctor.ssh;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apiguardian.api.API;

/**
 * Whether the client's known_hosts vouches for the server, as the host key probe found it: the basis for
 * deciding whether later probes may show this server anything of the user's (public keys tell a server,
 * or an impersonator, which keys the user has).
 *
 * @param known true when known_hosts vouches for the host key ssh would use: it is on a line for the host,
 *     or its certificate is signed by a {@code @cert-authority} key
 * @param trusted the server's host keys (plain keys) that known_hosts vouches for
 * @param seen every host key (plain key) the server presented to the host key probe
 * @param why one line: why the server is or is not trusted
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostKeyTrust(boolean known, List<PublicKey> trusted, List<PublicKey> seen, String why) {
    public HostKeyTrust {
        trusted = List.copyOf(trusted);
        seen = List.copyOf(seen);
        requireNonNull(why, "why");
    }

    /**
     * Whether a later connection may go on with the host key {@code presented}: one of the trusted keys, or,
     * when {@code evenUnknown} (the user asked), one of the keys seen earlier, so a server that changes its
     * key between connections is still refused.
     */
    public boolean accepts(PublicKey presented, boolean evenUnknown) {
        PublicKey plain = presented instanceof OpenSshCertificate cert ? cert.getCertPubKey() : presented;
        return allowed(evenUnknown).stream().anyMatch(k -> KeyUtils.compareKeys(k, plain));
    }

    /** The host keys a later connection may go on with (see {@link #accepts}). */
    public List<PublicKey> allowed(boolean evenUnknown) {
        return known ? trusted : evenUnknown ? seen : List.of();
    }
}
