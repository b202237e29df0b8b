package org.sshdoctor.ssh;

import java.io.IOException;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientUserAuthService;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.ServiceFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * MINA's user-auth service, which always starts with a {@code none} request, made to record the
 * server's "authentications that can continue" (MINA keeps them in a field nobody can read), to say when
 * the {@code none} request is answered, and to let the session's {@link SessionRider} send its requests
 * right behind that {@code none}.
 */
final class ProbeAuthService extends ClientUserAuthService {

    ProbeAuthService(Session session) {
        super(session);
    }

    @Override
    protected IoWriteFuture sendInitialAuthRequest(ClientSession session, String service) throws IOException {
        IoWriteFuture none = super.sendInitialAuthRequest(session, service);
        SessionCapture capture = SessionCapture.of(session);
        if (capture.rider != null) {
            try {
                capture.rider.afterNone(session, capture.hostKey.getNow(null), service);
            } catch (IOException | RuntimeException e) {
                // The rider's requests are its own affair: the none request and its answer stand.
            }
        }
        return none;
    }

    @Override
    protected void processUserAuth(int cmd, Buffer buffer, AuthFuture future) throws Exception {
        SessionCapture capture = SessionCapture.of(getSession());
        if (cmd == SshConstants.SSH_MSG_USERAUTH_SUCCESS) {
            capture.noneAnswered.complete(true); // the first answer is the none request's
        }
        if (cmd == SshConstants.SSH_MSG_USERAUTH_FAILURE) {
            int position = buffer.rpos();
            try {
                capture.authFailures.add(buffer.getString());
                capture.noneAnswered.complete(false);
            } catch (RuntimeException malformed) {
                // MINA reports the malformed packet itself below.
            } finally {
                buffer.rpos(position);
            }
        }
        super.processUserAuth(cmd, buffer, future);
    }

    /** Registers the service under the standard name, {@code ssh-userauth}. */
    static final class Factory implements ServiceFactory {
        @Override
        public String getName() {
            return "ssh-userauth";
        }

        @Override
        public Service create(Session session) throws IOException {
            return new ProbeAuthService(session);
        }
    }
}
