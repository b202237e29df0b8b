package org.sshdoctor.ssh;

import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;

/** Facts the handshake probes publish. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HandshakeFacts {
    /** What the user's client proposes, from {@link ClientProfileProbe}. */
    public static final Fact<ClientAlgorithms> CLIENT_ALGORITHMS = Fact.of("client algorithms", ClientAlgorithms.class);
    /** The server's KEXINIT lists, from {@link KexProbe}. */
    public static final Fact<ServerKexInit> SERVER_KEXINIT = Fact.of("server kexinit", ServerKexInit.class);
    /** The host key the main handshake received, from {@link KexProbe}. */
    public static final Fact<ServerHostKey> HOST_KEY = Fact.of("host key", ServerHostKey.class);
    /** Every host key the server has, one per type, from {@link HostKeyProbe}. */
    public static final Fact<HostKeys> HOST_KEYS = Fact.of("host keys", HostKeys.class);
    /** Whether known_hosts vouches for the server's host key, from {@link HostKeyProbe}. */
    public static final Fact<HostKeyTrust> HOST_KEY_TRUST = Fact.of("host key trust", HostKeyTrust.class);
    /** The server's answer to a {@code none} authentication request, from {@link KexProbe}. */
    public static final Fact<AuthMethods> AUTH_METHODS = Fact.of("auth methods", AuthMethods.class);

    /** Who rides the kex probe's main session after its {@code none} request: the public-key step's queries. */
    public static final Fact<SessionRider> SESSION_RIDER = Fact.of("session rider", SessionRider.class);

    private HandshakeFacts() {}
}
