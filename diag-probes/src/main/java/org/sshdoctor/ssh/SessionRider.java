package org.sshdoctor.ssh;

import java.io.IOException;
import java.util.Optional;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apiguardian.api.API;

/**
 * Work that rides the kex probe's main session past its key exchange: the public-key step's queries, sent
 * right behind the session's {@code none} request instead of over a connection of their own, so they cost
 * no connection and no round trip more. The plan provides at most one ({@link HandshakeFacts#SESSION_RIDER});
 * the kex probe offers it the main session once the keys are in use. Whether anything of the user's is sent
 * is the rider's decision alone: the kex probe hands it the session and the host key it presented.
 *
 * <p>Called on MINA's threads: implementations never block and never throw for what the server does.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface SessionRider {

    /** The {@code none} request of {@code session}, which presented {@code hostKey}, was just written. */
    void afterNone(ClientSession session, ServerHostKey hostKey, String service) throws IOException;

    /** The method to run when the server lists {@code publickey}; empty to end authentication there. */
    Optional<UserAuth> publickey(ClientSession session);

    /**
     * The server answered the {@code none} request: the rider owns the session from now on and closes it
     * when its own work on it is done ({@code auth} completes when MINA's authentication ends).
     */
    void takeOver(ClientSession session, AuthFuture auth);
}
