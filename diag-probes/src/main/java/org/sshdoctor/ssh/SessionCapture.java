package org.sshdoctor.ssh;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;

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
    private volatile String negotiatedHostKeyAlgorithm = "";
    private volatile Boolean authSucceeded;

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
        hostKey.complete(new ServerHostKey(algorithm, key));
        return stopAfter == Handshake.Stage.AUTH;
    }

    void negotiated(String hostKeyAlgorithm) {
        negotiatedHostKeyAlgorithm = hostKeyAlgorithm == null ? "" : hostKeyAlgorithm;
        negotiatedHostKey.complete(negotiatedHostKeyAlgorithm);
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
