package org.sshdoctor.ssh;

import java.util.List;
import org.apache.sshd.client.auth.AbstractUserAuth;
import org.apache.sshd.client.auth.AbstractUserAuthFactory;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * The probe client's only authentication method: {@code publickey} as the session's {@link SessionRider}
 * runs it (queries that never sign), or, for every session without a rider, a method that sends nothing,
 * so MINA stops after the {@code none} request exactly as with no method at all. Never sends a password
 * and never signs.
 */
final class RiderAuthFactory extends AbstractUserAuthFactory {

    RiderAuthFactory() {
        super("publickey");
    }

    @Override
    public UserAuth createUserAuth(ClientSession session) {
        SessionRider rider = SessionCapture.of(session).rider;
        return rider == null ? new Nothing() : rider.publickey(session).orElseGet(Nothing::new);
    }

    /** Sends nothing: MINA moves on to the next method, of which there is none. */
    private static final class Nothing extends AbstractUserAuth {
        Nothing() {
            super("publickey");
        }

        @Override
        protected boolean sendAuthDataRequest(ClientSession session, String service) {
            return false;
        }

        @Override
        protected boolean processAuthDataRequest(ClientSession session, String service, Buffer buffer) {
            return false;
        }

        @Override
        public void signalAuthMethodFailure(ClientSession session, String service, boolean partial,
                List<String> serverMethods, Buffer buffer) {
            // nothing was asked
        }
    }
}
