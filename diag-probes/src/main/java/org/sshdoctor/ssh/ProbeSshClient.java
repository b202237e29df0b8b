package org.sshdoctor.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.ServiceFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;
import org.sshdoctor.openssh.DefaultAlgorithms;

/**
 * A MINA SSHD client set up for probing, never for logging in: it connects to an address (never through
 * MINA's ssh_config resolver), offers every algorithm MINA implements (modern first, curve25519 first
 * because it is the fastest to compute cold) so that old servers still complete key exchange, records
 * the server's KEXINIT and host key, and authenticates with nothing but a {@code none} request (and, on
 * the main session, the public-key queries of its {@link SessionRider}, which never sign). It has no
 * identities, no agent, no password: it cannot sign or send a secret. One instance serves many
 * connections; close it at the end.
 */
final class ProbeSshClient implements AutoCloseable {
    /** Our identification; the "SSH-2.0-" prefix is added by MINA. Servers log it. */
    static final String SOFTWARE_VERSION = "sshdoctor_0.1";

    /** Longest error message kept from MINA; a disconnect message is cut shorter, as ssh does. */
    private static final int MAX_MESSAGE = 1024;

    private final SshClient client;

    private ProbeSshClient(SshClient client) {
        this.client = client;
    }

    static ProbeSshClient start() {
        SshClient client = configured();
        client.setUserAuthFactories(List.of(new RiderAuthFactory()));
        client.setServiceFactories(List.<ServiceFactory>of(new ProbeAuthService.Factory(), ClientConnectionServiceFactory.INSTANCE));
        client.setServerKeyVerifier((session, address, key) -> SessionCapture.of(session).acceptKey(session, key));
        client.addSessionListener(new CaptureListener());
        try {
            client.start();
        } catch (RuntimeException | Error e) {
            client.stop(); // a half-started client may already own its I/O threads
            throw e;
        }
        return new ProbeSshClient(client);
    }

    /**
     * A MINA client, not started, with the probes' common setup: no ssh_config resolver, no identities, no
     * password, every algorithm MINA has, our identification string. Callers add authentication and the
     * host key verifier.
     */
    static SshClient configured() {
        SshClient client = SshClient.setUpDefaultClient();
        // No ssh_config; only a session relayed over the banner probe's connection is pointed at the relay's
        // listener (MINA resolves the name it is given again, which would reach the real server instead).
        client.setHostConfigEntryResolver((host, port, local, username, proxyJump, context) -> {
            SessionCapture capture = context == null ? null : context.getAttribute(SessionCapture.KEY);
            InetSocketAddress relay = capture == null ? null : capture.relay;
            return relay == null ? HostConfigEntryResolver.EMPTY.resolveEffectiveHost(host, port, local, username, proxyJump, context)
                    : new org.apache.sshd.client.config.hosts.HostConfigEntry(host, relay.getAddress().getHostAddress(),
                            relay.getPort(), username);
        });
        client.addSessionListener(new DisconnectMark());
        client.setKeyIdentityProvider(session -> List.of());
        client.setPasswordIdentityProvider(session -> List.of());
        client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(true,
                union(List.of(BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh),
                        ClientBuilder.DEFAULT_KEX_PREFERENCE, BuiltinDHFactories.VALUES), ClientBuilder.DH2KEX));
        client.setSignatureFactories(allSignatures(name -> true));
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
        for (BuiltinCiphers cipher : union(ClientBuilder.DEFAULT_CIPHERS_PREFERENCE, BuiltinCiphers.VALUES)) {
            if (cipher.isSupported() && cipher != BuiltinCiphers.none) {
                ciphers.add(cipher);
            }
        }
        client.setCipherFactories(ciphers);
        List<NamedFactory<Mac>> macs = new ArrayList<>();
        for (BuiltinMacs mac : union(ClientBuilder.DEFAULT_MAC_PREFERENCE, BuiltinMacs.VALUES)) {
            if (mac.isSupported()) {
                macs.add(mac);
            }
        }
        client.setMacFactories(macs);
        client.setCompressionFactories(List.<NamedFactory<Compression>>of(BuiltinCompressions.none,
                BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib));
        CoreModuleProperties.CLIENT_IDENTIFICATION.set(client, SOFTWARE_VERSION);
        // Small packets, each awaited by the other side: Nagle's delay would add up over the round trips.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // A host certificate that does not fit (principal, dates) must not end the probe: ssh falls back
        // to the certified key, and so does MINA with this off (it then hands us the plain key).
        CoreModuleProperties.ABORT_ON_INVALID_CERTIFICATE.set(client, false);
        return client;
    }

    /**
     * OpenSSH's default HostKeyAlgorithms order. Offered first, so the main session gets the host key ssh
     * itself would get from a server whose keys known_hosts holds, and that key alone can tell whether
     * known_hosts vouches for the server, without waiting for the other types' fetches.
     */
    private static final List<String> OPENSSH_HOST_KEY_ORDER = DefaultAlgorithms.PUBLIC_KEY;

    /** The host key signature algorithms MINA implements whose name passes {@code filter}, OpenSSH's order first. */
    static List<NamedFactory<Signature>> allSignatures(Predicate<String> filter) {
        List<BuiltinSignatures> ordered = new ArrayList<>();
        for (String name : OPENSSH_HOST_KEY_ORDER) {
            BuiltinSignatures signature = BuiltinSignatures.fromFactoryName(name);
            if (signature != null) {
                ordered.add(signature);
            }
        }
        List<NamedFactory<Signature>> all = new ArrayList<>();
        for (BuiltinSignatures signature : union(ordered, ClientBuilder.DEFAULT_SIGNATURE_PREFERENCE, BuiltinSignatures.VALUES)) {
            if (signature.isSupported() && filter.test(signature.getName())) {
                all.add(signature);
            }
        }
        return all;
    }

    /**
     * Makes one connection and goes as far as {@code stopAfter} allows: the KEXINIT, the host key, or the
     * answer to a {@code none} authentication request. Each phase gets at most {@code phase} and all of
     * them end by {@code deadline}. Never throws for what the server does; the result says what happened.
     *
     * @param hostKeyAlgorithms the host key algorithms to offer; empty offers all
     */
    Handshake handshake(InetSocketAddress address, String user, List<String> hostKeyAlgorithms, Handshake.Stage stopAfter,
            Duration phase, Instant deadline) {
        return handshake(new SessionCapture(hostKeyAlgorithms, stopAfter), address, user, phase, deadline, session -> { });
    }

    /** What the kex probe does at two points of its main session, on the probe's thread. */
    interface Steps {
        Steps NONE = new Steps() { };

        /** The host key arrived, after the server's KEXINIT: what others can use before the session ends. */
        default void hostKey(ServerKexInit kexInit, ServerHostKey key) {}

        /** The keys are in use and the {@code none} request is next: who rides the session, if anyone. */
        default Optional<SessionRider> rider() throws InterruptedException {
            return Optional.empty();
        }
    }

    /** What to do once MINA's TCP connection is up, before the identification phase is awaited. */
    interface ConnectHook {
        void connected(ClientSession session) throws IOException;
    }

    /**
     * The same, observed through the caller's {@code capture} (whose futures let the caller act on a
     * phase as soon as it completes), with {@code onConnect} run once MINA's connection is up.
     */
    Handshake handshake(SessionCapture capture, InetSocketAddress address, String user, Duration phase, Instant deadline,
            ConnectHook onConnect) {
        Handshake.Stage stopAfter = capture.stopAfter;
        ClientSession session = null;
        Handshake.Stage stage = Handshake.Stage.CONNECT;
        try {
            session = client.connect(user, address, AttributeRepository.ofKeyValuePair(SessionCapture.KEY, capture), null)
                    .verify(bound(phase, deadline).toMillis()).getSession();
            onConnect.connected(session);
            stage = Handshake.Stage.IDENTIFICATION;
            await(capture.identification, phase, deadline);
            stage = Handshake.Stage.KEXINIT;
            await(capture.kexInit, phase, deadline);
            if (stopAfter == Handshake.Stage.KEXINIT) {
                return capture.result(Optional.empty());
            }
            stage = Handshake.Stage.KEX;
            await(capture.hostKey, phase, deadline);
            capture.steps.hostKey(capture.kexInit.getNow(null), capture.hostKey.getNow(null));
            if (stopAfter == Handshake.Stage.KEX) {
                return capture.result(Optional.empty());
            }
            await(capture.keysEstablished, phase, deadline);
            stage = Handshake.Stage.AUTH;
            capture.rider = capture.steps.rider().orElse(null);
            AuthFuture auth = session.auth();
            if (capture.rider != null) {
                // The rider's requests follow the none: its answer is all this probe waits for, and the rider
                // keeps the session for the rest.
                capture.authDone(capture.noneAnswered.get(bound(phase, deadline).toMillis(), TimeUnit.MILLISECONDS));
                capture.handedOver = session;
                capture.rider.takeOver(session, auth);
                session = null;
                return capture.result(Optional.empty());
            }
            if (!auth.await(bound(phase, deadline).toMillis())) {
                return capture.result(Optional.of(new Handshake.Failure(stage, "no answer to the authentication request within "
                        + bound(phase, deadline).toMillis() + " ms", true)));
            }
            capture.authDone(auth.isSuccess());
            return capture.result(Optional.empty());
        } catch (TimeoutException e) {
            return capture.result(Optional.of(new Handshake.Failure(stage, "no answer within the time allowed", true)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return capture.result(Optional.of(new Handshake.Failure(stage, "interrupted", true)));
        } catch (ExecutionException e) {
            return capture.result(Optional.of(new Handshake.Failure(stage, message(e.getCause()), false)));
        } catch (IOException | RuntimeException e) {
            boolean timeout = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")
                    || String.valueOf(e.getMessage()).contains("time-out");
            return capture.result(Optional.of(new Handshake.Failure(stage, message(e), timeout)));
        } finally {
            if (session != null) {
                session.close(true);
            }
        }
    }

    private static void await(CompletableFuture<?> future, Duration phase, Instant deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        future.get(bound(phase, deadline).toMillis(), TimeUnit.MILLISECONDS);
    }

    static Duration bound(Duration phase, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        Duration bounded = left.compareTo(phase) < 0 ? left : phase;
        return bounded.isNegative() ? Duration.ZERO : bounded;
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // MINA quotes what the server sent (a name-list of megabytes): keep reports and summaries readable.
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "… (" + message.length() + " characters)";
    }

    @SafeVarargs
    private static <T> List<T> union(Collection<? extends T>... lists) {
        LinkedHashSet<T> all = new LinkedHashSet<>();
        for (Collection<? extends T> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    static Map<KexList, List<String>> toLists(Map<KexProposalOption, String> proposal) {
        Map<KexList, List<String>> lists = new EnumMap<>(KexList.class);
        lists.put(KexList.KEX, ServerKexInit.split(proposal.get(KexProposalOption.ALGORITHMS)));
        lists.put(KexList.HOST_KEY, ServerKexInit.split(proposal.get(KexProposalOption.SERVERKEYS)));
        lists.put(KexList.CIPHER_C2S, ServerKexInit.split(proposal.get(KexProposalOption.C2SENC)));
        lists.put(KexList.CIPHER_S2C, ServerKexInit.split(proposal.get(KexProposalOption.S2CENC)));
        lists.put(KexList.MAC_C2S, ServerKexInit.split(proposal.get(KexProposalOption.C2SMAC)));
        lists.put(KexList.MAC_S2C, ServerKexInit.split(proposal.get(KexProposalOption.S2CMAC)));
        lists.put(KexList.COMPRESSION_C2S, ServerKexInit.split(proposal.get(KexProposalOption.C2SCOMP)));
        lists.put(KexList.COMPRESSION_S2C, ServerKexInit.split(proposal.get(KexProposalOption.S2CCOMP)));
        return lists;
    }

    @Override
    public void close() {
        client.stop();
    }
}
