package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.net.NetFacts;

/**
 * Makes the main SSH connection, with MINA, to the address the TCP probe reached: captures the server's
 * full KEXINIT (before any negotiation, so even a server no client can talk to is described), completes
 * key exchange with a client that offers every algorithm MINA has, keeps the host key, and sends one
 * {@code none} authentication request for the user to learn the methods the server offers. Nothing
 * secret is ever sent.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KexProbe implements Probe {
    /** Connections refused before the greeting are retried this often (with 150, 300 ms pauses). */
    private static final int RETRIES = 2;
    private static final long RETRY_PAUSE_MILLIS = 150;

    @Override
    public String name() {
        return "kex";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, SshFacts.IDENTIFICATION);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(HandshakeFacts.SERVER_KEXINIT, HandshakeFacts.HOST_KEY, HandshakeFacts.AUTH_METHODS);
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
    public ProbeResult run(ProbeContext context) {
        InetSocketAddress address = context.fact(NetFacts.CONNECTION).remote();
        String user = context.target().user();
        Duration phase = context.options().phaseTimeout();
        ProbeResult.Builder result = ProbeResult.builder();
        KexFailureVerdicts verdicts = new KexFailureVerdicts(context.target(), address);
        Handshake handshake;
        int refused = 0;
        String firstRefusal = "";
        try (ProbeSshClient client = ProbeSshClient.start()) {
            handshake = client.handshake(address, user, List.of(), Handshake.Stage.AUTH, phase, context.deadline());
            // The banner probe was greeted: a connection closed before any greeting now is the server
            // refusing connections under load (MaxStartups, PerSourcePenalties). Retry, as ssh users do.
            while (refusedBeforeGreeting(handshake) && refused < RETRIES && pause(refused + 1)) {
                firstRefusal = refused == 0 ? handshake.failure().get().message() : firstRefusal;
                refused++;
                handshake = client.handshake(address, user, List.of(), Handshake.Stage.AUTH, phase, context.deadline());
            }
        }
        handshake.kexInit().ifPresent(kexInit -> result.fact(HandshakeFacts.SERVER_KEXINIT, kexInit));
        handshake.hostKey().ifPresent(key -> result.fact(HandshakeFacts.HOST_KEY, key));
        handshake.auth().ifPresent(auth -> result.fact(HandshakeFacts.AUTH_METHODS,
                new AuthMethods(user, auth.methods(), auth.noneAccepted())));
        if (refused > 0) {
            boolean through = !refusedBeforeGreeting(handshake);
            result.finding(verdicts.throttled(through ? refused : refused + 1, refused + 2, through, firstRefusal));
            if (!through) {
                return result.failed("the server refused " + (refused + 1) + " connections in a row before its greeting");
            }
        }
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

    /** Closed or reset before the server's identification, without waiting: refused, not slow. */
    private static boolean refusedBeforeGreeting(Handshake handshake) {
        return handshake.serverVersion().isEmpty() && handshake.failure().filter(f -> !f.timedOut()).isPresent();
    }

    /** Waits a little longer before each retry, as a throttled server frees its slots; false if interrupted. */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
