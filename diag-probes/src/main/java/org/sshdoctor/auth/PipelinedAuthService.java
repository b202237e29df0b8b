package org.sshdoctor.auth;

import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientUserAuthService;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.ServiceFactory;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.Session;

/**
 * MINA's user-auth service, made to send the first burst of public-key queries right behind its
 * {@code none} request instead of one round trip later: the server answers requests in order, so the
 * {@code none} gets its FAILURE (the methods list, which starts our method) and the queries their answers
 * after it. MINA already sends the service request and the {@code none} together, so a query connection
 * costs TCP connect, identification and key exchange, then one round trip for all its queries.
 */
final class PipelinedAuthService extends ClientUserAuthService {

    PipelinedAuthService(Session session) {
        super(session);
    }

    @Override
    protected IoWriteFuture sendInitialAuthRequest(ClientSession session, String service) throws IOException {
        IoWriteFuture none = super.sendInitialAuthRequest(session, service);
        Lane lane = session.getAttribute(PublicKeyQueryAuth.Factory.LANE);
        if (lane != null) {
            lane.noneSent(session, service);
        }
        return none;
    }

    /** Registers the service under the standard name, {@code ssh-userauth}. */
    static final class Factory implements ServiceFactory {
        @Override
        public String getName() {
            return "ssh-userauth";
        }

        @Override
        public Service create(Session session) throws IOException {
            return new PipelinedAuthService(session);
        }
    }
}
