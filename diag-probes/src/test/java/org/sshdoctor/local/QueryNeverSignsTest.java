package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractive;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPassword;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.Doctor;
import org.sshdoctor.auth.PublicKeyQuery;
import org.sshdoctor.os.Account;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * The safety promise of the public-key query: sshdoctor asks a server which keys it would accept but
 * never proves possession (no request carries a signature) and never sends a password. A recording
 * MINA server on loopback offers publickey, password and keyboard-interactive, accepts one of the
 * user's keys (so a careless client would go on to sign with it) and logs every request; the user has
 * keys in a real ssh-agent and on disk (openssh and PEM, one encrypted).
 */
class QueryNeverSignsTest {
    /** One authentication request as the server saw it. */
    record Request(String method, String user, boolean signed) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private SshServer server;
    private PublicKey authorized;

    @TempDir
    Path home;

    @BeforeEach
    void recordingServer() throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        server.setKeyPairProvider(KeyPairProvider.wrap(ec.generateKeyPair()));
        server.setPublickeyAuthenticator((user, key, session) -> authorized != null && PublicKeys.same(key, authorized));
        server.setPasswordAuthenticator((user, password, session) -> false);
        server.setUserAuthFactories(List.of(
                new UserAuthPublicKeyFactory() {
                    @Override
                    public UserAuthPublicKey createUserAuth(ServerSession session) {
                        return new UserAuthPublicKey() {
                            @Override
                            public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
                                // RFC 4252 section 7: the boolean before the algorithm says whether a signature follows
                                int at = buffer.rpos();
                                requests.add(new Request("publickey", getUsername(), buffer.getBoolean()));
                                buffer.rpos(at);
                                return super.doAuth(buffer, init);
                            }
                        };
                    }
                },
                new UserAuthPasswordFactory() {
                    @Override
                    public UserAuthPassword createUserAuth(ServerSession session) {
                        return new UserAuthPassword() {
                            @Override
                            public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
                                requests.add(new Request("password", getUsername(), false));
                                return super.doAuth(buffer, init);
                            }
                        };
                    }
                },
                new UserAuthKeyboardInteractiveFactory() {
                    @Override
                    public UserAuthKeyboardInteractive createUserAuth(ServerSession session) {
                        return new UserAuthKeyboardInteractive() {
                            @Override
                            public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
                                requests.add(new Request("keyboard-interactive", getUsername(), false));
                                return super.doAuth(buffer, init);
                            }
                        };
                    }
                }));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(true);
    }

    @Test
    void neitherTheQueryNorTheProbeEverSignsOrSendsAPassword() throws Exception {
        String summaries = "";
        assumeTrue(Tools.installed() && Files.isExecutable(Path.of("/usr/bin/ssh-agent")), "OpenSSH tools are not installed");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Tools.chmod(ssh, "rwx------");
        Path onDisk = Tools.key(ssh.resolve("id_ed25519"), "ed25519", "");
        Tools.key(ssh.resolve("id_ecdsa"), "ecdsa", "secret passphrase");
        Path pem = ssh.resolve("id_rsa");
        Tools.run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", pem.toString()));
        authorized = PublicKeys.loadFile(Path.of(onDisk + ".pub")).orElseThrow();
        try (TestAgent agent = new TestAgent(home.resolve("agent.sock"))) {
            agent.add(Tools.key(home.resolve("agent/k1"), "ed25519", ""));
            agent.add(Tools.key(home.resolve("agent/k2"), "ecdsa", ""));
            agent.add(onDisk); // the accepted key is in the agent too: the agent could sign, and must not be asked to
            Map<String, String> env = Map.of("SSH_AUTH_SOCK", agent.socket().toString());

            List<PublicKey> keys = new ArrayList<>();
            for (OfferedIdentity id : IdentityOrder.forConnection(resolvedFor(env), env, Duration.ofSeconds(5))) {
                id.key().ifPresent(keys::add);
            }
            assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
            PublicKeyQuery.Result result = PublicKeyQuery.ask(new InetSocketAddress("127.0.0.1", server.getPort()), "alice",
                    keys, Duration.ofSeconds(10));
            assertThat(result.answers()).anyMatch(a -> a.accepted());

            // The standard plan's public-key step; the test server's host key is in no known_hosts, so it is
            // asked as with --query-keys.
            List<Probe> probes = Doctor.standardProbes(org.sshdoctor.ssh.HandshakeOptions.defaults(),
                    new org.sshdoctor.auth.KeyQueryOptions(Account.current().withHome(home), env, java.util.Optional.empty(), true, true));
            Report report = Doctor.withProbes(probes).diagnose(Target.of("127.0.0.1", server.getPort(), "alice"),
                    DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), DiagnosisListener.NONE);
            assertThat(report.probe("pubkey")).isPresent();
            summaries = report.probes().toString();
        }
        assertThat(requests).as("the server saw the keys being asked; the diagnosis: %s", summaries)
                .hasSizeGreaterThanOrEqualTo(2 * 5);
        assertThat(requests).as("every request").allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("publickey");
            assertThat(r.signed()).isFalse();
        });
    }

    /** The recorder itself: a client that does log in (MINA's, with the authorized key) is seen signing. */
    @Test
    void theRecorderSeesTheSignatureOfARealLogin() throws Exception {
        assumeTrue(Tools.installed(), "OpenSSH tools are not installed");
        Path key = Tools.key(home.resolve("login_ed25519"), "ed25519", "");
        authorized = PublicKeys.loadFile(Path.of(key + ".pub")).orElseThrow();
        try (org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier.INSTANCE);
            client.setHostConfigEntryResolver(org.apache.sshd.client.config.hosts.HostConfigEntryResolver.EMPTY);
            client.setKeyIdentityProvider(new org.apache.sshd.common.keyprovider.FileKeyPairProvider(key));
            client.start();
            try (var session = client.connect("alice", "127.0.0.1", server.getPort()).verify(10_000).getSession()) {
                session.auth().verify(10_000);
            }
        }
        assertThat(requests).anyMatch(r -> r.method().equals("publickey") && r.signed());
    }

    private org.sshdoctor.config.ResolvedConfig resolvedFor(Map<String, String> env) {
        return org.sshdoctor.config.ConfigResolver.resolve(org.sshdoctor.config.ConfigRequest
                .forHost("127.0.0.1", Account.current().withHome(home), env)
                .withUser(java.util.Optional.of("alice")).withPort(java.util.OptionalInt.of(server.getPort()))
                .withSystemConfig(home.resolve("no-system-config"))
                .withExec(org.sshdoctor.config.ConfigRequest.MatchExec.NEVER));
    }
}
