package org.sshdoctor.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.sshdoctor.auth.KeyAnswer.Answer;

/**
 * One connection's part of a query run: the queries it has in flight, in the order sent, and the
 * refusals it got. A server answers USERAUTH_REQUESTs in order (RFC 4252 §5 processes them one by one),
 * so each FAILURE belongs to the oldest query in flight; a PK_OK names its key, which is checked against
 * that oldest query, and a mismatch means the server does not answer in order.
 */
final class Lane {
    private final QueryState state;
    private final int number;
    private final Deque<Integer> inFlight = new ArrayDeque<>();
    private int refusals;
    private boolean outOfOrder;
    private boolean methodStarted;

    Lane(QueryState state, int number) {
        this.state = state;
        this.number = number;
    }

    java.security.PublicKey key(int index) {
        return state.key(index);
    }

    int number() {
        return number;
    }

    /** The next burst: as many keys as this connection's refusal budget still allows; empty when done. */
    synchronized List<Integer> nextBurst() {
        if (outOfOrder || !inFlight.isEmpty()) {
            return List.of();
        }
        List<Integer> burst = state.take(state.budget() - refusals);
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

    /**
     * The connection ended. When the server closed it in answer to a query (OpenSSH does so at the
     * MaxAuthTries-th refusal), the oldest query in flight is refused and the limit observed; every other
     * query in flight goes back to the queue.
     */
    synchronized void ended(boolean closedByServer) {
        if (closedByServer && !inFlight.isEmpty() && !outOfOrder) {
            state.answer(inFlight.pollFirst(), Answer.REFUSED_AND_DISCONNECTED, number);
            state.observedLimit(refusals + 1);
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
