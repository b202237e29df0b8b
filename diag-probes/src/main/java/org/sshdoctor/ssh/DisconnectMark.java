package org.sshdoctor.ssh;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Notes whether a session's server sent SSH_MSG_DISCONNECT. A connection that ends with one was read to
 * its end: every answer the server sent before was handled. One that ends without (a close or a reset) may
 * have lost answers: a server that closes while later requests of ours sit unread in its socket makes its
 * kernel send a reset, and a reset drops whatever the client had not yet read.
 *
 * <p>The mark is a holder made when the session is, fetched while the session is open: MINA clears a
 * session's attributes when it closes.
 */
final class DisconnectMark implements SessionListener {
    private static final AttributeKey<AtomicBoolean> RECEIVED = new AttributeKey<>();

    /** Whether the server has sent SSH_MSG_DISCONNECT, now or later; ask while the session is open. */
    static BooleanSupplier watch(Session session) {
        AtomicBoolean received = session.getAttribute(RECEIVED);
        return received == null ? () -> false : received::get;
    }

    @Override
    public void sessionCreated(Session session) {
        session.setAttribute(RECEIVED, new AtomicBoolean());
    }

    @Override
    public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
        AtomicBoolean received = session.getAttribute(RECEIVED);
        if (!initiator && received != null) {
            received.set(true);
        }
    }
}
