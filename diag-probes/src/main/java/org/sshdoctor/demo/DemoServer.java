package org.sshdoctor.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apiguardian.api.API;

/**
 * A deliberately misconfigured SSH server for {@code sshdoctor demo}: Apache MINA SSHD in this process,
 * on a free loopback port, with a fresh in-memory RSA host key it signs only with SHA-1 ({@code ssh-rsa},
 * refused by OpenSSH 8.8 and later) and with password login off (public keys only, and it accepts none).
 * Nothing is written to disk and nobody can log in.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DemoServer implements AutoCloseable {
    /** The problems planted, for the demo's explanation. */
    public static final List<String> PROBLEMS = List.of(
            "its RSA host key signs only with ssh-rsa (SHA-1), which OpenSSH 8.8 and later refuse",
            "password login is off: it accepts public keys only");

    private final SshServer server;

    private DemoServer(SshServer server) {
        this.server = server;
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static DemoServer start() {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(rsaKey()));
        server.setSignatureFactories(List.<NamedFactory<Signature>>of(BuiltinSignatures.rsa));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator((user, key, session) -> false);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo server on 127.0.0.1", e);
        }
        return new DemoServer(server);
    }

    public int port() {
        return server.getPort();
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no RSA key generator", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // stopping an in-process server; nothing left to do
        }
    }
}
