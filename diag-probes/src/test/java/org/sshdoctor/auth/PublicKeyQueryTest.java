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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.auth.KeyAnswer.Answer;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.os.Account;
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

    @Nested
    class OpenSsh {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("MaxAuthTries 3", "PubkeyAuthentication yes");

        @Test
        void answersEveryKeyAcrossDisconnectsWithoutSigning() throws Exception {
            List<PublicKey> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                keys.add(key("other" + i, "ed25519"));
            }
            keys.add(key("rsa", "rsa"));
            keys.add(key("work", "ed25519"));
            Files.writeString(SSHD.authorizedKeys(), pub("rsa") + pub("work"));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", SSHD.port());

            PublicKeyQuery.Result result = PublicKeyQuery.ask(address, Account.current().name(), keys, TIMEOUT);

            List<Answer> answers = result.answers().stream().map(KeyAnswer::answer).toList();
            assertEquals(List.of(false, false, false, false, false, true, true),
                    result.answers().stream().map(KeyAnswer::accepted).toList(), answers.toString());
            // MaxAuthTries 3: the 3rd refusal is a disconnect; PK_OK answers are free, so 2 connections suffice.
            assertEquals(List.of(Answer.REFUSED, Answer.REFUSED, Answer.REFUSED_AND_DISCONNECTED, Answer.REFUSED, Answer.REFUSED,
                    Answer.ACCEPTED, Answer.ACCEPTED), answers);
            assertEquals(List.of(1, 1, 1, 2, 2, 2, 2), result.answers().stream().map(KeyAnswer::connection).toList());
            assertEquals(2, result.connections());
            assertEquals("rsa-sha2-512", result.answers().get(5).algorithm());
            assertFalse(result.acceptsAnyKey());
            assertFalse(SSHD.log().contains("Accepted publickey"), "nothing was signed, so nobody logged in");
        }
    }

    @Nested
    class TinySsh {
        @RegisterExtension
        static final TinySshServer TINYSSHD = new TinySshServer();

        @Test
        void acceptsAnyKeySoItsAnswersProveNothing() throws Exception {
            PublicKeyQuery.Result result = PublicKeyQuery.ask(new InetSocketAddress("127.0.0.1", TINYSSHD.port()),
                    Account.current().name(), List.of(key("unrelated", "ed25519")), TIMEOUT);
            assertTrue(result.acceptsAnyKey(), result.toString());
        }
    }
}
