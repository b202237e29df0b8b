package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written fast paths must give exactly what the regex rules give, line for line. */
class FastPathAgreementTest {
    @Test
    void fastAndRegexClassifiersAgree() throws IOException {
        List<String> lines = new ArrayList<>(LogTesting.resource("seed-server-lines.log").lines().toList());
        for (int i = 0; i < 400; i++) {
            lines.add(StreamingTest.GeneratedLog.line(i));
        }
        lines.addAll(List.of(
                "Failed password for invalid user test from 10.10.1.2 port 55555 ssh2 from 127.0.0.1 port 58946 ssh2",
                "Failed password for invalid user test from 127.0.0.1 port 58946 ssh2: from 10.10.1.2 port 55555 ssh2",
                "Failed password for invalid user from 10.10.1.1 from 127.0.0.1 port 58946 ssh2",
                "Failed password for user from 127.0.0.1 port 20000 ssh1: ruser from 1.2.3.4",
                "Connection closed by authenticating user test 127.0.0.1 port 12345 192.0.2.11 port 46039 [preauth]",
                "Connection closed by invalid user  192.0.2.68 port 34916 [preauth]",
                "Invalid user  from 192.0.2.68 port 34916",
                "Invalid user a from b from 192.0.2.1",
                "Connection from 192.0.2.16 port 51280 on 192.0.2.16 port 22 rdomain \"\"",
                "Accepted publickey for fred from 192.0.2.60 port 44456 ssh2: ECDSA-CERT SHA256:q ID foo bar (serial 1) CA ED25519 SHA256:f",
                "pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)",
                "pam_unix(sshd:session): session opened for user root by (uid=0)",
                "pam_unix(sshd:session): session opened for user root",
                "pam_unix(sshd:session): session closed for user deploy",
                "Received disconnect from 192.0.2.14 port 4000:11: disconnected by user",
                "Received disconnect from 2001:db8::1 port 4000:11: Bye Bye [preauth]",
                "Received disconnect from 198.51.100.76 port 58846:11:  [preauth]",
                "session opened for local user backup from [192.0.2.7]",
                "session closed for local user user2 from [UNKNOWN]",
                "session opened for local user a b from [192.0.2.7]",
                "open \"/srv/backup/db 1.tar\" flags WRITE,CREATE,TRUNCATE mode 0640",
                "open \"/x\" flags READ mode 0666 mode 1",
                "close \"/srv/backup/db-1.tar\" bytes read 0 written 12345678901",
                "close \"/a\" bytes read 1 written 2 written 3",
                "close \u201C/docs/somefile.txt\u201D bytes read 0 written 400",
                "Failed password for fred from 1.2.3.4: x from 5.6.7.8 port 1 ssh2",
                "Failed password for fred from 1.2.3.4 port 1234567 ssh2",
                "Invalid user x from 1.2.3.4 port 1234567",
                "error: maximum authentication attempts exceeded for root from 61.0.0.1 port 49940 ssh2 [preauth]",
                "error: maximum authentication attempts exceeded for invalid user a from b from 61.0.0.1 port 49940 ssh2 [preauth]",
                "error: maximum authentication attempts exceeded for  from 61.0.0.1 [preauth]",
                "Disconnecting authenticating user root 201.179.249.231 port 52404: Too many authentication failures [preauth]",
                "Disconnecting invalid user admin 192.0.2.117 port 44004: Change of username or service not allowed: (admin,ssh-connection) -> (user,ssh-connection) [preauth]",
                "Disconnecting user fred 1.2.3.4 port 5 1.2.3.5 port 6: a port 7: b",
                "Disconnecting invalid user  192.0.2.7 port 49941: Too many authentication failures [preauth]",
                "Disconnecting 192.0.2.7 port 49941: Too many authentication failures [preauth]",
                "Unable to negotiate with 192.0.2.1 port 55419: no matching cipher found. Their offer: aes256-cbc,aes128-cbc [preauth]",
                "Unable to negotiate with 192.0.2.1 port 55419: no matching key exchange method found. Their offer: [preauth]",
                "Unable to negotiate with 192.0.2.1 port 55419: no matching host key type found. Their offer: ssh-dss,,x",
                "error: kex_exchange_identification: Connection closed by remote host",
                "error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"",
                "error: kex_exchange_identification: client sent invalid protocol identifier \"\"",
                "error: kex_exchange_identification: client sent invalid protocol identifier \"",
                "error: kex_exchange_identification: client sent invalid protocol identifier \"a\rb\"",
                "kex_exchange_identification: ",
                "Bad password attempt for 'admin' from 192.0.2.9:4022",
                "Bad PAM password attempt for 'a' from b' from ::ffff:1.2.3.4:55990",
                "Bad password attempt for 'root' from <192.0.2.9:22>",
                "Bad password attempt for 'root' from 192.0.2.9:1234567",
                "Bad password attempt for 'root' from 192.0.2.9:",
                "Bad password attempt for 'root' from :22",
                "Bad password attempt for 'ro ot' from fe80::1%eth0:22",
                "Bad password attempt for 'x\u2028' from 192.0.2.9:22",
                "Bad password attempt for '' from 192.0.2.9:22 x"));
        LogTesting.corpora().ifPresent(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    lines.addAll(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        EnvelopeParser parser = new EnvelopeParser(2026, ZoneOffset.UTC);
        MessageClassifier fast = MessageClassifier.standard();
        MessageClassifier regex = MessageClassifier.regexOnly();
        long number = 0;
        for (String raw : lines) {
            LogLine line = parser.parse("t", ++number, raw);
            assertEquals(regex.classify(line), fast.classify(line), raw);
        }
        System.out.println("fast path and regex rules agree on " + lines.size() + " lines");
    }
}
