package org.sshdoctor.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The training run of the class-data-sharing archive (diag-cli/pom.xml runs it at package time with
 * {@code -XX:DumpLoadedClassList}, then dumps a static archive of those classes to target/sshdoctor.jsa;
 * {@code ./sshdoctor} starts with it). The archive holds the classes one JVM loaded, so this runs the common commands
 * in one process: version, help, kb, explain (text and JSON), a diagnosis that is refused on
 * loopback port 1, and full diagnoses of an SSH server in this process (Apache MINA SSHD on a free
 * loopback port, with Ed25519, ECDSA and RSA host keys), so that MINA's and BouncyCastle's classes, which
 * every real diagnosis loads, come from the archive too. Nothing leaves the machine; output is discarded.
 */
final class CdsTraining {
    private static final List<List<String>> RUNS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("kb"),
            List.of("kb", "SSH-TCP-REFUSED"),
            List.of("kb", "--json", "SSH-TCP-REFUSED"),
            List.of("explain", "ssh: connect to host h port 22: Connection refused"),
            List.of("explain", "--json", "Permission denied (publickey)."),
            List.of("--timeout", "2", "127.0.0.1:1"),
            List.of("--json", "--timeout", "2", "127.0.0.1:1"));

    private CdsTraining() {}

    public static void main(String[] args) {
        Main.configureLogging(0);
        System.setProperty("java.net.preferIPv6Addresses", "system");
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Main.printVersion(new String[] {"--version"}, discard);
        for (List<String> run : RUNS) {
            run(discard, run);
        }
        try (TrainingServer server = TrainingServer.start()) {
            String target = "tester@127.0.0.1:" + server.port();
            run(discard, List.of("-F", "none", "--timeout", "5", target));
            run(discard, List.of("-F", "none", "--json", "--timeout", "5", target));
        } catch (Exception e) {
            // Training is best effort: an archive without these classes still works, only slower.
            System.err.println("CdsTraining: no SSH server for the training diagnosis: " + e);
        }
    }

    private static void run(PrintWriter discard, List<String> arguments) {
        Environment environment = new Environment(discard, discard, new ByteArrayInputStream(new byte[0]), Map.of(), false);
        Cli.run(environment, arguments.toArray(String[]::new));
    }

    /** A MINA server with one host key of each common type, on 127.0.0.1 and a free port. */
    private static final class TrainingServer implements AutoCloseable {
        private final org.apache.sshd.server.SshServer server;

        private TrainingServer(org.apache.sshd.server.SshServer server) {
            this.server = server;
        }

        static TrainingServer start() throws Exception {
            org.apache.sshd.server.SshServer server = org.apache.sshd.server.SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            List<java.security.KeyPair> keys = List.of(
                    org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-ed25519", 256),
                    org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256),
                    org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-rsa", 2048));
            server.setKeyPairProvider(org.apache.sshd.common.keyprovider.KeyPairProvider.wrap(keys));
            server.setPasswordAuthenticator((user, password, session) -> false);
            server.start();
            return new TrainingServer(server);
        }

        int port() {
            return server.getPort();
        }

        @Override
        public void close() throws Exception {
            server.stop(true);
        }
    }
}
