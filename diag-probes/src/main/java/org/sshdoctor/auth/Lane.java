package org.sshdoctor.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.sshdoctor.auth.KeyAnswer.Answer;

/**
 * One connection's part of a query run: the queries it has in flight, in the order sent, and the
 * refusals it got. A server answers USERAUTH_REQUESTs in order (RFC 4252 §5 processes them one by one),
 * so each FAILURE belongs to the oldest query in flight; a PK_OK names its key, which is checked against
 * that oldest query, and a mismatch means the server does not answer in order.
 */
final class Lane {
    /** Whether the lane may send: a lane started before the host key is checked waits for that check. */
    private enum Gate { OPEN, PENDING, CLOSED }

    private final QueryState state;
    private final int number;
    private final int from;
    private final int until;
    private final Deque<Integer> inFlight = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private int refusals;
    private boolean outOfOrder;
    private boolean methodStarted;
    private boolean over;
    private Gate gate;
    private ClientSession session;
    private String service;
    private BooleanSupplier serverDisconnected = () -> false;

    Lane(QueryState state, int number) {
        this(state, number, 0, Integer.MAX_VALUE, true);
    }

    /**
     * @param from the first key (index) this lane asks about: the main session's lane starts at 0, the lane
     *     started beside it after the main lane's share, so the two never ask the same key
     * @param until the first key past this lane's share (exclusive)
     * @param open false for a lane that must wait for {@link #decide} before it sends anything
     */
    Lane(QueryState state, int number, int from, int until, boolean open) {
        this.state = state;
        this.number = number;
        this.from = from;
        this.until = until;
        this.gate = open ? Gate.OPEN : Gate.PENDING;
    }

    /**
     * The {@code none} request went out on {@code session}: the first burst follows at once if the lane may
     * send, else when {@link #decide} allows it (still behind the {@code none}, as requests are answered in order).
     */
    void noneSent(ClientSession on, String serviceName) throws IOException {
        synchronized (this) {
            session = on;
            service = serviceName;
        }
        PublicKeyQueryAuth.sendBurst(on, serviceName, this);
    }

    /**
     * Decides a waiting lane: allowed, it sends its first burst now if its {@code none} request went out already;
     * refused, it never sends anything and {@link #closed()} completes.
     */
    void decide(boolean allowed) {
        ClientSession on;
        String serviceName;
        synchronized (this) {
            if (gate != Gate.PENDING) {
                return;
            }
            gate = allowed ? Gate.OPEN : Gate.CLOSED;
            on = session;
            serviceName = service;
        }
        if (!allowed) {
            closed.complete(null);
        } else if (on != null) {
            try {
                PublicKeyQueryAuth.sendBurst(on, serviceName, this);
            } catch (IOException | RuntimeException e) {
                // The connection ended: the lane's end gives its keys back.
            }
        }
    }

    /** The lane waits for {@link #decide}. */
    synchronized boolean pending() {
        return gate == Gate.PENDING;
    }

    /** Completes when the lane was refused: it will send nothing, so nothing more will be answered. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    java.security.PublicKey key(int index) {
        return state.key(index);
    }

    int number() {
        return number;
    }

    /** The next burst: as many keys as this connection's refusal budget still allows; empty when done. */
    synchronized List<Integer> nextBurst() {
        if (over || outOfOrder || !inFlight.isEmpty() || gate != Gate.OPEN) {
            return List.of();
        }
        List<Integer> burst = state.take(state.budget() - refusals, from, until);
        inFlight.addAll(burst);
        return burst;
    }

    synchronized boolean waiting() {
        return !inFlight.isEmpty();
    }

    /** FAILURE: the oldest query in flight was refused. */
    synchronized void refused() {
        Integer index = inFlight.pollFirst();
        if (index != null) {
            refusals++;
            state.answer(index, Answer.REFUSED, number);
        }
    }

    /**
     * PK_OK for the key in {@code keyBlob}: the oldest query in flight was accepted, if it asked about that key. Otherwise
     * the server answers out of order; the lane stops and its queries go back to the queue.
     *
     * @return false when the answer did not match
     */
    synchronized boolean accepted(byte[] keyBlob) {
        Integer index = inFlight.peekFirst();
        if (index == null || !Arrays.equals(keyBlob, PublicKeyQueryAuth.blob(state.key(index)))) {
            outOfOrder = true;
            state.fallBackToSequential();
            giveBack();
            return false;
        }
        inFlight.pollFirst();
        state.answer(index, Answer.ACCEPTED, number);
        return true;
    }

    /** Where to learn, once its connection is gone, whether the server said goodbye with SSH_MSG_DISCONNECT. */
    synchronized void watch(BooleanSupplier disconnected) {
        serverDisconnected = disconnected;
    }

    /** The server ended the connection: with a disconnect message, or by dropping it. */
    void endedByServer() {
        BooleanSupplier disconnected;
        synchronized (this) {
            disconnected = serverDisconnected;
        }
        ended(disconnected.getAsBoolean() ? End.SERVER_DISCONNECTED : End.DROPPED);
    }

    /** How a lane's connection ended. */
    enum End {
        /** We ended it, or it ended with nothing of ours left unanswered. */
        BY_US,
        /** The server sent SSH_MSG_DISCONNECT and closed it: every answer before the disconnect was read. */
        SERVER_DISCONNECTED,
        /** The server closed or reset it without SSH_MSG_DISCONNECT: answers in flight may have been lost. */
        DROPPED
    }

    /**
     * The connection ended. When the server ended it in answer to a query (OpenSSH disconnects at the
     * MaxAuthTries-th refusal), the oldest query in flight is refused and the limit observed; every other
     * query in flight goes back to the queue. A connection dropped with several queries in flight says
     * neither: a reset drops the answers the client had not read yet (OpenSSH's close resets the connection
     * when later queries of the burst sit unread in its socket, which a busy client makes likely), so which
     * queries were answered is unknown; they are asked again, one at a time, where a cut answers the one in
     * flight.
     */
    synchronized void ended(End how) {
        over = true; // a verdict that comes later must not take keys for a connection that is gone
        if (how != End.BY_US && !inFlight.isEmpty() && !outOfOrder) {
            if (how == End.SERVER_DISCONNECTED || inFlight.size() == 1) {
                state.answer(inFlight.pollFirst(), Answer.REFUSED_AND_DISCONNECTED, number);
                state.observedLimit(refusals + 1);
            } else {
                state.fallBackToSequential();
            }
        }
        giveBack();
    }

    /** The server left queries unanswered on an open connection: it does not handle several in flight. */
    synchronized void stalled() {
        if (!inFlight.isEmpty() && inFlight.size() > 1) {
            state.fallBackToSequential();
        }
        giveBack();
    }

    synchronized boolean outOfOrder() {
        return outOfOrder;
    }

    /** MINA started our publickey method: the server listed publickey in answer to {@code none}. */
    synchronized void methodStarted() {
        methodStarted = true;
    }

    /**
     * The server ended authentication without taking up publickey: the queries sent with the {@code none}
     * request go back to the queue, with no conclusion about pipelining.
     */
    synchronized boolean notOffered() {
        if (methodStarted) {
            return false;
        }
        giveBack();
        return true;
    }

    private void giveBack() {
        state.requeue(new ArrayList<>(inFlight));
        inFlight.clear();
    }
}
