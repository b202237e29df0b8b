package org.sshdoctor.auth;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.auth.KeyAnswer.Answer;

/** The keys to ask about and the answers so far, shared by the connections of one query run. */
final class QueryState {
    private final List<PublicKey> keys;
    private final Answer[] answers;
    private final int[] connections;
    private int next;
    private int pending = -1;
    private int connection;

    QueryState(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
        this.answers = new Answer[keys.size()];
        this.connections = new int[keys.size()];
    }

    synchronized void newConnection() {
        connection++;
        pending = -1;
    }

    synchronized int connections() {
        return connection;
    }

    /** The next key to ask about, marked pending; -1 when all were asked. */
    synchronized int takeNext() {
        if (next >= keys.size()) {
            return -1;
        }
        pending = next++;
        return pending;
    }

    synchronized PublicKey key(int index) {
        return keys.get(index);
    }

    /** The pending query got this answer. */
    synchronized void answerPending(Answer answer) {
        if (pending >= 0 && answers[pending] == null) {
            answers[pending] = answer;
            connections[pending] = connection;
        }
        pending = -1;
    }

    synchronized boolean hasPending() {
        return pending >= 0;
    }

    synchronized boolean done() {
        return next >= keys.size() && pending < 0;
    }

    synchronized List<KeyAnswer> results() {
        List<KeyAnswer> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new KeyAnswer(keys.get(i), PublicKeyQueryAuth.algorithm(keys.get(i)),
                    answers[i] == null ? Answer.NOT_ASKED : answers[i], connections[i]));
        }
        return out;
    }

    /** Keys not answered yet go back in the queue (after a connection failed before answering). */
    synchronized void requeueUnanswered() {
        pending = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (answers[i] == null) {
                next = i;
                return;
            }
        }
        next = keys.size();
    }
}
