package org.sshdoctor.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.auth.KeyAnswer.Answer;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.os.Account;
import org.sshdoctor.ssh.HostKeyTrust;
import org.sshdoctor.ssh.QueryClients;
import org.sshdoctor.testing.DropbearServer;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.TinySshServer;

/** Publickey queries without signing against real servers: OpenSSH (with a small MaxAuthTries) and tinysshd. */
class PublicKeyQueryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private PublicKey key(String name, String type) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path file = dir.resolve(name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        return PublicKeys.loadFile(Path.of(file + ".pub")).orElseThrow();
    }

    private String pub(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".pub"));
    }

    private static final Function<UserAuthFactory, SshClient> ANY_HOST_KEY = auth -> QueryClients.create(auth, hostKey -> true);

    private static PublicKeyQuery.Result ask(int port, List<PublicKey> keys, boolean pipelined) {
        return PublicKeyQuery.ask(new InetSocketAddress("127.0.0.1", port), Account.current().name(), keys, TIMEOUT,
                Instant.now().plus(TIMEOUT.multipliedBy(4)), ANY_HOST_KEY, pipelined);
    }

    private List<PublicKey> keys(int unrelated, String... authorized) throws Exception {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < unrelated; i++) {
            keys.add(key("other" + i, "ed25519"));
        }
        for (String name : authorized) {
            keys.add(key(name, name.startsWith("rsa") ? "rsa" : "ed25519"));
        }
        return keys;
    }

    /** The real ssh with these identities in this order (no agent, no config): its stderr ("" when it logged in). */
    private String realSsh(int port, String... names) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "ssh is not installed");
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "none", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-p", String.valueOf(port)));
        for (String name : names) {
            command.addAll(List.of("-i", dir.resolve(name).toString()));
        }
        command.addAll(List.of(Account.current().name() + "@127.0.0.1", "true"));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? "" : err;
    }

    private static List<Boolean> accepted(PublicKeyQuery.Result result) {
        return result.answers().stream().map(KeyAnswer::accepted).toList();
    }

    @Nested
    class OpenSshSmallLimit {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("MaxAuthTries 3", "PubkeyAuthentication yes");

        @Test
        void answersEveryKeyAcrossDisconnectsWithoutSigning() throws Exception {
            List<PublicKey> keys = keys(5, "rsa", "work");
            Files.writeString(SSHD.authorizedKeys(), pub("rsa") + pub("work"));

            PublicKeyQuery.Result result = ask(SSHD.port(), keys, true);

            List<Answer> answers = result.answers().stream().map(KeyAnswer::answer).toList();
            assertEquals(List.of(false, false, false, false, false, true, true), accepted(result), answers.toString());
            // The first burst (5, the budget at the default limit) was cut at the 3rd refusal: the limit is observed.
            assertEquals(List.of(Answer.REFUSED, Answer.REFUSED, Answer.REFUSED_AND_DISCONNECTED), answers.subList(0, 3), answers.toString());
            assertEquals(OptionalInt.of(3), AcceptanceVerdict.observedMaxAuthTries(result), answers.toString());
            assertEquals("rsa-sha2-512", result.answers().get(5).algorithm());
            assertFalse(result.acceptsAnyKey());
            assertTrue(result.pipelined());
            assertTrue(result.connections() <= 4, result.toString());
            assertFalse(SSHD.log().contains("Accepted publickey"), "nothing was signed, so nobody logged in");
        }
    }

    @Nested
    class OpenSshDefaultLimit {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("PubkeyAuthentication yes");

        @Test
        void sevenKeysTakeTwoBurstsOnTwoConnectionsAndGiveTheSequentialAnswers() throws Exception {
            List<PublicKey> keys = keys(4, "work");
            keys.addAll(keys(0, "after1", "after2"));
            Files.writeString(SSHD.authorizedKeys(), pub("work"));

            PublicKeyQuery.Result sequential = ask(SSHD.port(), keys, false);
            PublicKeyQuery.Result pipelined = ask(SSHD.port(), keys, true);

            assertEquals(List.of(false, false, false, false, true, false, false), accepted(sequential), sequential.toString());
            assertEquals(accepted(sequential), accepted(pipelined), pipelined.toString());
            assertTrue(pipelined.answers().stream().noneMatch(a -> a.answer() == Answer.REFUSED_AND_DISCONNECTED),
                    "at most MaxAuthTries-1 refusals per connection: the server never has to disconnect");
            // 7 keys + the throwaway one: 5 + 3 queries, one burst each, on two connections at once.
            assertEquals(2, pipelined.bursts(), pipelined.toString());
            assertEquals(2, pipelined.connections(), pipelined.toString());
            assertEquals(8, sequential.bursts(), sequential.toString());
            assertFalse(sequential.pipelined());
            assertFalse(SSHD.log().contains("maximum authentication attempts exceeded"), SSHD.log());
            assertFalse(SSHD.log().contains("Accepted publickey"));
        }

        @Test
        void aKeyBehindSixRefusalsIsReplayedInSshsOrderToSeeTheServersCut() throws Exception {
            List<PublicKey> keys = keys(6, "seventh");
            Files.writeString(SSHD.authorizedKeys(), pub("seventh"));

            PublicKeyQuery.Result result = ask(SSHD.port(), keys, true);

            assertEquals(OptionalInt.of(AcceptanceVerdict.DEFAULT_MAX_AUTH_TRIES), AcceptanceVerdict.observedMaxAuthTries(result),
                    result.toString());
            assertTrue(result.answers().get(6).accepted(), "the answer from the budgeted connections stays: " + result);
            assertTrue(realSsh(SSHD.port(), "other0", "other1", "other2", "other3", "other4", "other5", "seventh")
                    .contains("Too many authentication failures"));
        }
    }

    @Nested
    class OpenSshLargeLimit {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("MaxAuthTries 10", "PubkeyAuthentication yes");

        @Test
        void aServerThatToleratesMoreRefusalsIsSeenToLetSshReachTheKey() throws Exception {
            List<PublicKey> keys = keys(7, "eighth");
            Files.writeString(SSHD.authorizedKeys(), pub("eighth"));

            PublicKeyQuery.Result result = ask(SSHD.port(), keys, true);

            assertEquals(OptionalInt.empty(), AcceptanceVerdict.observedMaxAuthTries(result), result.toString());
            assertEquals(7, AcceptanceVerdict.refusalsWithoutDisconnect(result), result.toString());
            assertTrue(result.answers().get(7).accepted());
            // ssh itself: seven refusals, then the eighth key logs in.
            assertEquals("", realSsh(SSHD.port(), "other0", "other1", "other2", "other3", "other4", "other5", "other6", "eighth"));
        }
    }

    @Nested
    class Dropbear {
        @RegisterExtension
        static final DropbearServer DROPBEAR = new DropbearServer();

        @Test
        void answersPipelinedQueriesAsItAnswersThemOneByOne() throws Exception {
            // Dropbear reads only the real ~/.ssh/authorized_keys, which a test must not write: every key is refused.
            List<PublicKey> keys = keys(7);

            PublicKeyQuery.Result sequential = ask(DROPBEAR.port(), keys, false);
            PublicKeyQuery.Result pipelined = ask(DROPBEAR.port(), keys, true);

            assertEquals(List.of(false, false, false, false, false, false, false), accepted(sequential), sequential.toString());
            assertEquals(sequential.answers().stream().map(KeyAnswer::answer).toList(),
                    pipelined.answers().stream().map(KeyAnswer::answer).toList(), pipelined.toString());
            assertTrue(pipelined.pipelined(), pipelined.toString());
            assertTrue(pipelined.bursts() <= 2, pipelined.toString());
        }
    }

    @Nested
    class UntrustedHostKey {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("PubkeyAuthentication yes");

        @Test
        void aServerWhoseHostKeyIsNotTheTrustedOneIsShownNoKey() throws Exception {
            PublicKey mine = key("mine", "ed25519");
            Files.writeString(SSHD.authorizedKeys(), pub("mine"));
            // known_hosts vouches for another ed25519 key: the server we reach is an impersonator.
            HostKeyTrust trust = new HostKeyTrust(true, List.of(key("elsewhere", "ed25519")), List.of(), "test");
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", SSHD.port());

            PublicKeyQuery.Result result = PublicKeyQuery.ask(address, Account.current().name(), List.of(mine), TIMEOUT,
                    method -> QueryClients.create(method, trust, false));

            assertEquals(List.of(Answer.NOT_ASKED), result.answers().stream().map(KeyAnswer::answer).toList());
            assertTrue(result.problem().isPresent());
            assertFalse(SSHD.log().contains(PublicKeys.fingerprint(mine)), SSHD.log());
            assertFalse(SSHD.log().contains("publickey"), "no publickey request reached the server");
        }
    }

    @Nested
    class TinySsh {
        @RegisterExtension
        static final TinySshServer TINYSSHD = new TinySshServer();

        @Test
        void acceptsAnyKeySoItsAnswersProveNothing() throws Exception {
            List<PublicKey> keys = keys(6);
            PublicKeyQuery.Result result = ask(TINYSSHD.port(), keys, true);
            assertTrue(result.acceptsAnyKey(), result.toString());
            // PK_OK costs nothing: the seven queries go in two bursts (two connections at once, or one after the other).
            assertTrue(result.bursts() <= 2, result.toString());
            assertEquals(List.of(true, true, true, true, true, true), accepted(result));
        }
    }
}
