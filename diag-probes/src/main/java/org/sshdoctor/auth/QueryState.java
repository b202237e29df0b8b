package org.sshdoctor.auth;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.sshdoctor.auth.KeyAnswer.Answer;

/**
 * The keys to ask about and the answers so far, shared by the connections ({@link Lane}s) of one query
 * run, which may run at the same time. Keys are handed out in order, a burst at a time; a key whose answer
 * was lost (the connection ended first) goes back into the queue.
 *
 * <p>The burst size is what the server's MaxAuthTries allows: each refusal counts, PK_OK answers do not,
 * so a connection sends at most limit − 1 refusable queries and never provokes the disconnect itself. The
 * limit is assumed to be OpenSSH's default until a server shows a smaller one by disconnecting.
 */
final class QueryState {
    private final List<PublicKey> keys;
    private final Answer[] answers;
    private final int[] connections;
    private final TreeSet<Integer> queue = new TreeSet<>();
    private int limit = AcceptanceVerdict.DEFAULT_MAX_AUTH_TRIES;
    private boolean sequential;
    private int connection;
    private int bursts;

    QueryState(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
        this.answers = new Answer[keys.size()];
        this.connections = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            queue.add(i);
        }
    }

    /** A new connection's share of the run. */
    synchronized Lane newLane() {
        return new Lane(this, ++connection);
    }

    /** A connection's share that asks keys from index {@code from} on, and only once {@link Lane#decide} allows it. */
    synchronized Lane newWaitingLane(int from, int until) {
        return new Lane(this, ++connection, from, until, false);
    }

    synchronized int connections() {
        return connection;
    }

    synchronized int bursts() {
        return bursts;
    }

    synchronized PublicKey key(int index) {
        return keys.get(index);
    }

    /** Refusable queries one connection may send before the server's limit: at least one. */
    synchronized int budget() {
        return Math.max(1, limit - 1);
    }

    /** How many connections the keys still waiting need, at {@link #budget()} refusals each. */
    synchronized int connectionsWanted() {
        return sequential ? Math.min(1, queue.size()) : (queue.size() + budget() - 1) / budget();
    }

    /** Up to {@code n} keys for one burst, in order (one at a time once pipelining was given up). */
    synchronized List<Integer> take(int n) {
        return take(n, 0, Integer.MAX_VALUE);
    }

    /** Up to {@code n} keys for one burst, in order, from index {@code from} on and before {@code until}. */
    synchronized List<Integer> take(int n, int from, int until) {
        List<Integer> burst = new ArrayList<>();
        int size = sequential ? Math.min(1, n) : n;
        Integer next = queue.ceiling(from);
        while (burst.size() < size && next != null && next < until) {
            queue.remove(next);
            burst.add(next);
            next = queue.higher(next);
        }
        if (!burst.isEmpty()) {
            bursts++;
        }
        return burst;
    }

    synchronized void answer(int index, Answer answer, int byConnection) {
        if (answers[index] == null) {
            answers[index] = answer;
            connections[index] = byConnection;
        }
    }

    /** Keys sent but not answered go back into the queue, to be asked again over another connection. */
    synchronized void requeue(Collection<Integer> indices) {
        for (int index : indices) {
            if (answers[index] == null) {
                queue.add(index);
            }
        }
    }

    /** The server disconnected at its {@code refusals}-th refusal: that is its MaxAuthTries. */
    synchronized void observedLimit(int refusals) {
        limit = Math.min(limit, refusals);
    }

    /** No budget: every key in one burst, to see where the server cuts the connection (a replay of ssh's order). */
    synchronized void unlimited() {
        limit = Integer.MAX_VALUE;
    }

    synchronized boolean limitObserved() {
        return limit < AcceptanceVerdict.DEFAULT_MAX_AUTH_TRIES;
    }

    /**
     * The first key accepted when more keys than OpenSSH's default MaxAuthTries were refused before it and no
     * disconnect showed this server's limit: whether ssh reaches that key is then only known by trying ssh's
     * order on one connection. -1 when that is not needed.
     */
    synchronized int acceptedBeyondDefaultLimit(int asked) {
        if (limitObserved()) {
            return -1;
        }
        int refused = 0;
        for (int i = 0; i < asked; i++) {
            if (answers[i] == Answer.ACCEPTED) {
                return refused >= AcceptanceVerdict.DEFAULT_MAX_AUTH_TRIES ? i : -1;
            }
            refused += answers[i] == Answer.REFUSED || answers[i] == Answer.REFUSED_AND_DISCONNECTED ? 1 : 0;
        }
        return -1;
    }

    /** The answers of a replay of the first keys on one connection replace theirs, as one more connection. */
    synchronized void adopt(QueryState replay) {
        connection++;
        for (int i = 0; i < replay.keys.size(); i++) {
            if (replay.answers[i] != null) {
                answers[i] = replay.answers[i];
                connections[i] = connection;
            }
        }
    }

    /** The server mishandled several queries in flight: ask one key at a time from now on. */
    synchronized void fallBackToSequential() {
        sequential = true;
    }

    synchronized boolean sequential() {
        return sequential;
    }

    synchronized boolean done() {
        for (Answer a : answers) {
            if (a == null) {
                return false;
            }
        }
        return true;
    }

    synchronized int answered() {
        int n = 0;
        for (Answer a : answers) {
            n += a == null ? 0 : 1;
        }
        return n;
    }

    synchronized boolean hasWaiting() {
        return !queue.isEmpty();
    }

    synchronized List<KeyAnswer> results() {
        List<KeyAnswer> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new KeyAnswer(keys.get(i), PublicKeyQueryAuth.algorithm(keys.get(i)),
                    answers[i] == null ? Answer.NOT_ASKED : answers[i], connections[i]));
        }
        return out;
    }
}
