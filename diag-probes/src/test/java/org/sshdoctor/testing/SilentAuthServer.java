package org.sshdoctor.testing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.ServiceFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.apache.sshd.server.session.ServerUserAuthService;

/**
 * A MINA SSH server on a loopback port that completes the key exchange, accepts the ssh-userauth service
 * and then never answers an authentication request: a server whose authentication backend (PAM, LDAP,
 * a slow AuthorizedKeysCommand) hangs. It ends idle connections after a minute, long after any test.
 */
public final class SilentAuthServer implements AutoCloseable {
    private final SshServer server;

    private SilentAuthServer(SshServer server) {
        this.server = server;
    }

    public static SilentAuthServer start() throws IOException, GeneralSecurityException {
        SshServer server = MinaServers.unstarted();
        server.setServiceFactories(List.of(new ServiceFactory() {
            @Override
            public String getName() {
                return "ssh-userauth";
            }

            @Override
            public Service create(Session session) throws IOException {
                return new ServerUserAuthService(session) {
                    @Override
                    public void process(int cmd, Buffer buffer) {
                        // never answers: no FAILURE, no SUCCESS, no disconnect
                    }
                };
            }
        }, ServerConnectionServiceFactory.INSTANCE));
        server.start();
        return new SilentAuthServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
