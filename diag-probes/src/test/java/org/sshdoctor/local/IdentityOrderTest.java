package org.sshdoctor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.os.Account;
import org.sshdoctor.testing.OpenSshServer;

/**
 * The identity order against a real ssh-agent and the real client: ssh -v's "Will attempt key" lines
 * against a real sshd must list the same keys in the same order as {@link IdentityOrder}, and seven
 * identities before the authorized one must end in "Too many authentication failures" as predicted.
 */
class IdentityOrderTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer("PubkeyAuthentication yes", "PasswordAuthentication no",
            "KbdInteractiveAuthentication no");

    @TempDir
    Path dir;

    Account account;

    @BeforeEach
    void setUp() {
        assumeTrue(Tools.installed(), "OpenSSH tools are not installed");
        account = Account.current().withHome(dir);
    }

    private ResolvedConfig resolve(Path config) {
        return ConfigResolver.resolve(ConfigRequest.forHost("127.0.0.1", account, Map.of())
                .withConfigFile(Optional.of(config.toString())).withUser(Optional.of(account.name())));
    }

    private static List<String> fingerprints(List<OfferedIdentity> ids) {
        return ids.stream().filter(i -> i.position() > 0).map(i -> PublicKeys.fingerprint(i.key().orElseThrow())).toList();
    }

    @Test
    void agentKeysFirstUnlessIdentitiesOnlyAndAgentCopiesOfFilesFirstOfAll() throws Exception {
        try (TestAgent agent = new TestAgent(dir.resolve("agent.sock"))) {
            List<Path> agentKeys = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                agentKeys.add(Tools.key(dir.resolve("agent" + i), "ed25519", ""));
                agent.add(agentKeys.get(i - 1));
            }
            Path work = Tools.key(dir.resolve("work"), "ed25519", "");
            Path shared = agentKeys.get(2);
            Path dsa = Tools.key(dir.resolve("old_dsa"), "dsa", "");
            Path config = dir.resolve("config");
            Files.writeString(config, "IdentityFile " + work + "\nIdentityFile " + shared + "\nIdentityFile " + dsa + "\n");
            List<AgentIdentity> listed = AgentClient.listIdentities(agent.socket(), Duration.ofSeconds(5));
            assertEquals(3, listed.size());

            List<OfferedIdentity> ids = IdentityOrder.compute(resolve(config), listed, IdentitySource.DISK);
            assertEquals(List.of(OfferedIdentity.Source.AGENT_AND_FILE, OfferedIdentity.Source.AGENT, OfferedIdentity.Source.AGENT,
                    OfferedIdentity.Source.FILE), ids.stream().filter(i -> i.position() > 0).map(OfferedIdentity::source).toList());
            assertEquals(shared.toString(), ids.get(0).label());
            assertTrue(ids.get(4).skipped().orElseThrow().contains("PubkeyAcceptedAlgorithms"), ids.toString());

            Files.writeString(config, "IdentitiesOnly yes\n" + Files.readString(config));
            List<OfferedIdentity> only = IdentityOrder.compute(resolve(config), listed, IdentitySource.DISK);
            assertEquals(List.of(shared.toString(), work.toString()),
                    only.stream().filter(i -> i.position() > 0).map(OfferedIdentity::label).toList());
        }
    }

    @Test
    void sameOrderAsTheRealClientAndTooManyAuthenticationFailuresPredicted() throws Exception {
        try (TestAgent agent = new TestAgent(dir.resolve("agent.sock"))) {
            for (int i = 1; i <= 6; i++) {
                agent.add(Tools.key(dir.resolve("agent" + i), "ed25519", ""));
            }
            Path work = Tools.key(dir.resolve("work"), "ed25519", "");
            Path ca = Tools.key(dir.resolve("ca"), "ed25519", "");
            Path certified = Tools.key(dir.resolve("certified"), "ecdsa", "");
            Tools.certificate(ca, certified, account.name(), "-5m:+1d");
            Files.writeString(SSHD.authorizedKeys(), Files.readString(Path.of(work + ".pub")));
            Path config = dir.resolve("config");
            Files.writeString(config, "Host 127.0.0.1\n  IdentityFile " + certified + "\n  IdentityFile " + work + "\n");

            ResolvedConfig resolved = resolve(config);
            List<AgentIdentity> listed = AgentClient.listIdentities(agent.socket(), Duration.ofSeconds(5));
            List<OfferedIdentity> ours = IdentityOrder.compute(resolved, listed, IdentitySource.DISK);
            List<Finding> findings = IdentityRule.check(resolved, ours);

            String stderr = realSsh(config, agent.socket());
            List<String> theirs = new ArrayList<>();
            Matcher m = Pattern.compile("Will attempt key: .* (SHA256:[A-Za-z0-9+/]+)").matcher(stderr);
            while (m.find()) {
                theirs.add(m.group(1));
            }
            assertEquals(theirs, fingerprints(ours), stderr);
            assertEquals(9, theirs.size());
            assertTrue(stderr.contains("Too many authentication failures"), stderr);
            Finding predicted = findings.stream().filter(f -> f.id().equals(LocalFindings.IDENTITIES_BEYOND_MAX_AUTH_TRIES))
                    .findFirst().orElseThrow();
            assertTrue(predicted.title().startsWith(certified + " is identity #7"), predicted.title());
            assertEquals("Add to the block of " + config + ":2 (where this IdentityFile is):\n    IdentitiesOnly yes", predicted.fix());

            // Applying the printed fix makes the real client reach the authorized key.
            Files.writeString(config, "Host 127.0.0.1\n  IdentitiesOnly yes\n  IdentityFile " + certified + "\n  IdentityFile " + work + "\n");
            List<OfferedIdentity> fixed = IdentityOrder.compute(resolve(config), listed, IdentitySource.DISK);
            assertEquals(3, fingerprints(fixed).size());
            String after = realSsh(config, agent.socket());
            assertTrue(after.contains("Authenticated to 127.0.0.1"), after);
        }
    }

    private String realSsh(Path config, Path agentSocket) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("ssh", "-v", "-F", config.toString(), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10",
                "-p", Integer.toString(SSHD.port()), "-l", account.name(), "127.0.0.1", "true")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        Process p = builder.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return err;
    }
}
