package org.sshdoctor.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/** Embedded MINA SSH servers for tests, for what a real sshd will not do; the caller starts and stops them. */
public final class MinaServers {
    private MinaServers() {}

    /** A default MINA server, not started, on {@code host} at a free port, with a fresh host key of the given kind. */
    public static SshServer unstarted(String host, String keyAlgorithm, int bits) throws GeneralSecurityException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(0);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(bits);
        server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
        return server;
    }

    /** The same with an ECDSA P-256 host key on 127.0.0.1. */
    public static SshServer unstarted() throws GeneralSecurityException {
        return unstarted("127.0.0.1", "EC", 256);
    }
}
