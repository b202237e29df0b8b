package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.sshdoctor.engine.PhaseEvents;

/**
 * What one probe connection observes, filled in by MINA's callbacks on its I/O threads (so: futures and
 * thread-safe fields, and nothing here may throw or block) and read by the probe thread.
 */
final class SessionCapture {
    /** Where the capture travels: the connection context of the session. */
    static final AttributeKey<SessionCapture> KEY = new AttributeKey<>();

    final List<String> hostKeyAlgorithms;
    final Handshake.Stage stopAfter;
    final CompletableFuture<String> identification = new CompletableFuture<>();
    final CompletableFuture<ServerKexInit> kexInit = new CompletableFuture<>();
    /** The host key algorithm negotiated: known as soon as both KEXINITs are, before key exchange. */
    final CompletableFuture<String> negotiatedHostKey = new CompletableFuture<>();
    final CompletableFuture<ServerHostKey> hostKey = new CompletableFuture<>();
    final CompletableFuture<Void> keysEstablished = new CompletableFuture<>();
    final List<String> authFailures = new CopyOnWriteArrayList<>();
    /** The server answered the {@code none} request: true for SUCCESS (no authentication needed). */
    final CompletableFuture<Boolean> noneAnswered = new CompletableFuture<>();
    /** Set by the kex probe on its main session before the {@code none} request: who rides it, if anyone. */
    volatile SessionRider rider;
    /** The session, once handed over to the rider (which closes it). */
    volatile ClientSession handedOver;
    /** The kex probe's steps on its main session; none for other sessions. */
    volatile ProbeSshClient.Steps steps = ProbeSshClient.Steps.NONE;
    private volatile String negotiatedHostKeyAlgorithm = "";
    private volatile Boolean authSucceeded;
    /** Where this connection's phases are reported (the kex probe's main connection), and its address. */
    volatile PhaseEvents events = PhaseEvents.NONE;
    volatile InetSocketAddress address;
    /**
     * The loopback relay's listener, when the session goes over the banner probe's connection: MINA
     * re-resolves the host name of the address it is given, so the name of the real server (kept for
     * host certificate principals) must be pointed at the relay by the client's host resolver.
     */
    volatile InetSocketAddress relay;
    private volatile Map<String, String> negotiated = Map.of();

    SessionCapture(List<String> hostKeyAlgorithms, Handshake.Stage stopAfter) {
        this.hostKeyAlgorithms = List.copyOf(hostKeyAlgorithms);
        this.stopAfter = stopAfter;
    }

    /** The capture of a session we created; a dummy for any other (there is none). */
    static SessionCapture of(Session session) {
        SessionCapture capture = session instanceof ClientSession client && client.getConnectionContext() != null
                ? client.getConnectionContext().getAttribute(KEY) : null;
        return capture != null ? capture : new SessionCapture(List.of(), Handshake.Stage.KEXINIT);
    }

    /** Records the host key; returning false ends the connection right after key exchange. */
    boolean acceptKey(ClientSession session, PublicKey key) {
        String algorithm = negotiatedHostKeyAlgorithm;
        if (algorithm.isEmpty() && session.getKexNegotiationResult() != null) {
            algorithm = String.valueOf(session.getKexNegotiationResult().get(KexProposalOption.SERVERKEYS));
        }
        ServerHostKey received = new ServerHostKey(algorithm, key);
        events.hostKeyReceived(algorithm, received.sha256());
        hostKey.complete(received);
        return stopAfter == Handshake.Stage.AUTH;
    }

    void negotiated(String hostKeyAlgorithm) {
        negotiatedHostKeyAlgorithm = hostKeyAlgorithm == null ? "" : hostKeyAlgorithm;
        negotiatedHostKey.complete(negotiatedHostKeyAlgorithm);
    }

    /** What both sides chose, for the kexEnd event: kex, hostkey, and the client-to-server cipher, MAC, compression. */
    void negotiated(Map<KexProposalOption, String> chosen) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("kex", String.valueOf(chosen.get(KexProposalOption.ALGORITHMS)));
        names.put("hostkey", String.valueOf(chosen.get(KexProposalOption.SERVERKEYS)));
        names.put("cipher", String.valueOf(chosen.get(KexProposalOption.C2SENC)));
        names.put("mac", String.valueOf(chosen.get(KexProposalOption.C2SMAC)));
        names.put("compression", String.valueOf(chosen.get(KexProposalOption.C2SCOMP)));
        negotiated = names;
    }

    /** The keys are in use: reported once, before the probe thread learns it. */
    void keysEstablished() {
        if (!keysEstablished.isDone()) {
            events.kexEnd(negotiated);
        }
        keysEstablished.complete(null);
    }

    void authDone(boolean succeeded) {
        authSucceeded = succeeded;
    }

    /** Fails every phase still waiting: the session ended or broke. */
    void failAll(Throwable cause) {
        identification.completeExceptionally(cause);
        kexInit.completeExceptionally(cause);
        negotiatedHostKey.completeExceptionally(cause);
        hostKey.completeExceptionally(cause);
        keysEstablished.completeExceptionally(cause);
        noneAnswered.completeExceptionally(cause);
    }

    Handshake result(Optional<Handshake.Failure> failure) {
        Optional<AuthMethods> auth = Optional.empty();
        if (authSucceeded != null) {
            // The first FAILURE answers the 'none' request; later ones cannot exist (we try nothing else).
            List<String> methods = authFailures.isEmpty() ? List.of() : ServerKexInit.split(authFailures.get(0));
            auth = Optional.of(new AuthMethods("", methods, authSucceeded));
        }
        return new Handshake(done(identification), done(kexInit), done(hostKey), auth, failure);
    }

    private static <T> Optional<T> done(CompletableFuture<T> future) {
        return future.isDone() && !future.isCompletedExceptionally() ? Optional.ofNullable(future.getNow(null))
                : Optional.empty();
    }
}
