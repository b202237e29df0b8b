package org.sshdoctor.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.sshdoctor.engine.EngineFindings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.net.NetFacts;

/**
 * Goes on with the SSH session, with MINA, over the connection the banner probe identified on (through a
 * {@link LoopbackRelay}; a connection of its own only if that is impossible): captures the server's
 * full KEXINIT (before any negotiation, so even a server no client can talk to is described), completes
 * key exchange with a client that offers every algorithm MINA has, keeps the host key, and sends one
 * {@code none} authentication request for the user to learn the methods the server offers. Nothing
 * secret is ever sent. As soon as the host key algorithm is negotiated it starts the {@link HostKeyScan}
 * of the server's other key types, beside this session; as soon as the host key arrives it publishes the
 * KEXINIT, the key and the scan, so the host key check runs beside authentication; and the plan's
 * {@link SessionRider} (the public-key step) rides the session behind its {@code none} request.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KexProbe implements Probe {

    @Override
    public String name() {
        return "kex";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, SshFacts.IDENTIFICATION, SshClientStart.FACT);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(HandshakeFacts.SERVER_KEXINIT, HandshakeFacts.HOST_KEY, HandshakeFacts.AUTH_METHODS, HostKeyScan.FACT);
    }

    /**
     * Each phase (connect, identification, KEXINIT, key exchange, authentication) gets the per-phase
     * timeout; the budget also covers the client's start, which loads BouncyCastle on first use.
     */
    @Override
    public Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout().multipliedBy(3);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        InetSocketAddress address = context.fact(NetFacts.CONNECTION).remote();
        String user = context.target().user();
        ProbeResult.Builder result = ProbeResult.builder();
        ProbeSshClient client;
        try {
            client = context.fact(SshClientStart.FACT).await(context.deadline());
        } catch (TimeoutException e) {
            return result.finding(Finding.of(EngineFindings.PROBE_TIMEOUT, Severity.WARNING)
                    .title("The SSH client did not start within the kex check's deadline")
                    .detail("Setting up the SSH engine (Apache MINA SSHD, BouncyCastle) took longer than "
                            + budget(context.options()).toSeconds() + " s: the machine running sshdoctor is very busy.")
                    .evidence("probe", name())
                    .fix("Run again with a longer --timeout, or when the machine is less busy.")
                    .build()).failed("the SSH client did not start in time");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the SSH client failed to start: " + e.getCause(), e.getCause());
        }
        Duration phase = context.options().phaseTimeout();
        SessionCapture capture = new SessionCapture(List.of(), Handshake.Stage.AUTH);
        capture.address = address;
        capture.events = context.events();
        MainSessionSteps steps = new MainSessionSteps(context);
        capture.steps = steps;
        // The other host key types are fetched beside this session, from the moment it has negotiated.
        HostKeyScan scan = HostKeyScan.whenNegotiated(capture, client, address, user, phase, context.deadline());
        steps.scan(scan);
        Optional<IdentifiedConnection> banner = context.optionalFact(IdentifiedConnection.FACT)
                .flatMap(IdentifiedConnection::take);
        Handshake handshake = banner.isPresent() ? overBannerConnection(client, capture, banner.get(), user, context)
                : client.handshake(capture, address, user, phase, context.deadline(), session -> { });
        handshake.failure().filter(f -> f.stage() == Handshake.Stage.KEX).ifPresent(f -> context.events().kexFailed(f.message()));
        handshake.auth().ifPresent(auth -> context.events().authMethods(user, auth.methods()));
        handshake.kexInit().ifPresent(kexInit -> result.fact(HandshakeFacts.SERVER_KEXINIT, kexInit));
        handshake.hostKey().ifPresent(key -> result.fact(HandshakeFacts.HOST_KEY, key));
        result.fact(HostKeyScan.FACT, scan);
        handshake.auth().ifPresent(auth -> result.fact(HandshakeFacts.AUTH_METHODS,
                new AuthMethods(user, auth.methods(), auth.noneAccepted())));
        KexFailureVerdicts verdicts = new KexFailureVerdicts(context.target(), address);
        if (handshake.kexInit().isEmpty()) {
            Handshake.Failure failure = handshake.failure().orElseThrow();
            // MINA reports a malformed first packet as a bare "protocol error", or waits: read it ourselves.
            Optional<FirstPacketReader.Result> firstPacket = failure.stage() == Handshake.Stage.KEXINIT
                    ? Optional.of(FirstPacketReader.read(address, ProbeSshClient.bound(phase, context.deadline())))
                    : Optional.empty();
            result.finding(verdicts.stopped(failure, firstPacket));
            return result.failed("no KEXINIT from the server: " + failure.message());
        }
        if (handshake.failure().isPresent()) {
            Handshake.Failure failure = handshake.failure().get();
            // A negotiation failure is explained for the user's own client by the negotiation probe.
            if (failure.stage().compareTo(Handshake.Stage.KEX) >= 0 && !failure.message().contains("Unable to negotiate")) {
                result.finding(verdicts.stopped(failure, Optional.empty()));
            }
            return result.ok("KEXINIT received; stopped at " + failure.stage().description + ": " + failure.message());
        }
        return result.ok("KEXINIT received, key exchange done"
                + handshake.hostKey().map(k -> " (" + k.algorithm() + " host key)").orElse("")
                + handshake.auth().map(a -> ", methods for " + user + ": " + String.join(",", a.methods())).orElse(""));
    }

    /**
     * The main session's two steps: its KEXINIT and host key are published the moment the key arrives, so the
     * host key check (and with it the trust the public-key step needs) starts beside authentication; and the
     * public-key step, if the plan has one, rides the session behind its {@code none} request.
     */
    private static final class MainSessionSteps implements ProbeSshClient.Steps {
        /** How long the none request waits for the public-key step to know its keys (agent, key files). */
        private static final Duration RIDER_WAIT = Duration.ofSeconds(2);

        private final ProbeContext context;
        private HostKeyScan scan;

        MainSessionSteps(ProbeContext context) {
            this.context = context;
        }

        void scan(HostKeyScan started) {
            scan = started;
        }

        @Override
        public void hostKey(ServerKexInit kexInit, ServerHostKey key) {
            context.publish(HandshakeFacts.SERVER_KEXINIT, kexInit);
            context.publish(HandshakeFacts.HOST_KEY, key);
            context.publish(HostKeyScan.FACT, scan);
        }

        @Override
        public Optional<SessionRider> rider() throws InterruptedException {
            Instant until = Instant.now().plus(RIDER_WAIT);
            return context.awaitFact(HandshakeFacts.SESSION_RIDER, until.isBefore(context.deadline()) ? until : context.deadline());
        }
    }

    /** The session over the banner probe's connection, through a loopback relay (MINA cannot adopt a socket). */
    private static Handshake overBannerConnection(ProbeSshClient client, SessionCapture capture,
            IdentifiedConnection connection, String user, ProbeContext context) {
        Duration phase = context.options().phaseTimeout();
        LoopbackRelay relay;
        try {
            relay = LoopbackRelay.open(connection);
        } catch (IOException e) {
            // No loopback listener (a sandbox without loopback?): the session needs a connection of its own.
            closeQuietly(connection.socket());
            return client.handshake(capture, connection.remote(), user, phase, context.deadline(), session -> { });
        }
        try {
            InetSocketAddress named = relay.address();
            capture.relay = new InetSocketAddress(java.net.InetAddress.getByAddress(named.getAddress().getAddress()), named.getPort());
            return client.handshake(capture, named, user, phase, context.deadline(), session -> {
                // MINA checks host certificate principals against the connect address: the server's name, not the relay's.
                if (session instanceof org.apache.sshd.client.session.AbstractClientSession relayed) {
                    relayed.setConnectAddress(named);
                }
                relay.attach(session.getIoSession().getLocalAddress(),
                        Instant.now().plus(ProbeSshClient.bound(phase, context.deadline())));
            });
        } catch (IOException e) {
            closeQuietly(connection.socket());
            return client.handshake(capture, connection.remote(), user, phase, context.deadline(), session -> { });
        } finally {
            // A session the rider took over still needs the relay: it closes with the session (or the diagnosis).
            org.apache.sshd.client.session.ClientSession riding = capture.handedOver;
            if (riding == null) {
                relay.close();
            } else {
                context.closeAtEnd(relay);
                riding.addCloseFutureListener(closed -> relay.close());
            }
        }
    }

    private static void closeQuietly(java.net.Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is not used any more
        }
    }
}
