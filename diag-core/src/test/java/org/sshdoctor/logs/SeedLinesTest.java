package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every server log line the Wikibook "OpenSSH/Logging and Troubleshooting" (the seed) quotes. */
class SeedLinesTest {
    @Test
    void everySeedLineIsRecognised() {
        String text = LogTesting.resource("seed-server-lines.log");
        LogTesting.Result result = LogTesting.run(text);
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        assertEquals(127, lines, "the resource holds the 127 server lines of the seed");
        assertEquals(lines, result.events().size());
        List<LogEvent> unknown = result.of(LogEvent.Unrecognised.class);
        assertTrue(unknown.isEmpty(), () -> "not recognised: " + unknown.stream().map(e -> e.line().raw()).toList());
        assertEquals(0, result.summary().counts().unrecognised());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mar 19 11:11:06 server sshd[54798]: Failed password for root from 122.121.51.193 port 59928 ssh2 | failed | root | 122.121.51.193",
        "Mar 19 11:11:10 server sshd[54798]: error: maximum authentication attempts exceeded for root from 122.121.51.193 port 59928 ssh2 [preauth] | too-many-failures | root | 122.121.51.193",
        "Mar 19 11:11:10 server sshd[54798]: Disconnecting authenticating user root 122.121.51.193 port 59928: Too many authentication failures [preauth] | disconnected | root | 122.121.51.193",
        "Mar 14 19:50:59 server sshd[18884]: Accepted password for fred from 192.0.2.60 port 6647 ssh2 | accepted | fred | 192.0.2.60",
        "Mar 14 20:14:18 server internal-sftp[11581]: session opened for local user fred from [192.0.2.60] | sftp-session | fred | 192.0.2.60",
        "May  5 16:31:38 server sshd[252]: Connection closed by authenticating user fred 192.0.2.60 port 44470 [preauth] | disconnected | fred | 192.0.2.60",
        "May  5 16:33:00 server sshd[90593]: fatal: Timeout before authentication for 192.0.2.60 port 44718 | preauth-timeout | - | 192.0.2.60",
        "May  5 16:35:20 server sshd[252]: error: Certificate invalid: expired | certificate-rejected | - | -",
        "May  5 17:48:54 server sshd[2420]: cert: Authentication tried for fred with valid certificate but not from a permitted source address (192.0.2.61). | certificate-rejected | fred | 192.0.2.61",
        "May  5 17:48:54 server sshd[2420]: error: Refused by certificate options | certificate-rejected | - | -",
        "Oct 22 11:59:50 server internal-sftp[4929]: close \"/home/fred/foo\" bytes read 0 written 928 | sftp-operation | - | -",
        "Jan 28 12:42:44 server sshd[26299]: User child is on pid 21613 | child-process | - | -",
        "Jan 28 12:42:44 server sshd[21613]: subsystem request for sftp | subsystem-request | - | -",
        "Sep  6 14:42:08 eee sshd[83709]: packet_write_poll: Connection from 192.0.2.97 port 57608: Host is down | keepalive-lost | - | 192.0.2.97",
        "Sep  6 14:27:52 eee sshd[9075]: debug1: Got 100/147 for keepalive | debug | - | -",
        "Mar 14 20:36:40 server sshd[29235]: error: Authentication key RSA SHA256:jXEPmu4thnubqPUDcKDs31MOVLQJH6FfF1XSGT748jQ revoked by file /etc/ssh/ssh_revoked_keys | key-revoked | - | -",
        "Mar 18 18:55:05 server sshd[38594]: Invalid user ubnt from 201.179.249.231 port 52471 | invalid-user | ubnt | 201.179.249.231",
        "Mar 18 18:55:09 server sshd[38594]: Disconnecting invalid user ubnt 201.179.249.231 port 52471: Too many authentication failures [preauth] | disconnected | ubnt | 201.179.249.231",
        "Aug 10 19:09:05 server sshd[93126]: Failed none for invalid user admin from 125.64.94.136 port 27586 ssh2 | failed | admin | 125.64.94.136",
        "Mar 23 14:20:21 server sshd[5613]: Failed password for invalid user cloud from\u00A0 ::1 port 57404 ssh2 | failed | cloud | ::1",
        "Aug  4 23:52:38 server sshd[7075]: fatal: bad ownership or modes for chroot directory component \"/home/fred/\" | bad-modes | - | -",
        "fatal: Unable to negotiate with 192.0.2.37 port 55046: no matching cipher found. Their offer: arcfour [preauth] | negotiation-failed | - | 192.0.2.37",
        "Server listening on :: port 22. | server-event | - | -",
        "Mar 19 14:45:40 eee sshd[21157]: Server listening on 0.0.0.0 port 22. | server-event | - | -",
        // beyond the seed: OpenSSH 9.8+ penalties and sshd-session, ssh-audit's GEX probe
        "Oct 20 08:54:36 h sshd[59756]: drop connection #0 from [198.51.100.4]:48602 on [192.0.2.1]:22 penalty: failed authentication | notice | - | 198.51.100.4",
        "Oct 20 08:54:36 h sshd[59756]: drop connection #3 from [198.51.100.4]:48602 on [192.0.2.1]:22 past MaxStartups | notice | - | 198.51.100.4",
        "Jul  3 14:59:17 host sshd-session[1571]: Failed password for root from 192.0.2.1 port 56502 ssh2 | failed | root | 192.0.2.1",
        "Jul  3 14:59:18 host sshd[1]: ssh_dispatch_run_fatal: Connection from 192.0.2.9 port 4: DH GEX group out of range [preauth] | notice | - | 192.0.2.9",
        "Jul  3 14:59:19 host sshd[1]: error: userauth_pubkey: key type ssh-rsa not in PubkeyAcceptedAlgorithms [preauth] | negotiation-failed | - | -",
        "Jul  3 14:59:20 host sshd[1]: fatal: Cannot bind any address. | server-event | - | -",
        "Jul  3 14:59:21 host sshd[1]: reprocess config line 12: Deprecated option UsePrivilegeSeparation | server-event | - | -",
        "Jul  3 14:59:22 host sshd[1]: error: kex_protocol_error: type 20 seq 2 [preauth] | notice | - | -",
        "Jul  3 14:59:23 host sshd[1]: Could not chdir to home directory /home/x: No such file or directory | notice | - | -",
        "Jul  3 14:59:24 host sshd[1]: error: bind [127.0.0.1]:6010: Address already in use | notice | - | -",
    })
    void typeUserAndAddress(String line, String type, String user, String address) {
        LogEvent event = LogTesting.one(line);
        assertEquals(type, event.type(), line);
        assertEquals(user.equals("-") ? Optional.empty() : Optional.of(user), event.account(), "user of " + line);
        assertEquals(address.equals("-") ? Optional.empty() : Optional.of(address), event.source(), "address of " + line);
    }

    @Test
    void acceptedKeysCarryTypeFingerprintAndCertificate() {
        LogEvent.Accepted cert = assertInstanceOf(LogEvent.Accepted.class, LogTesting.one("May 15 16:28:17 server sshd[50140]: "
                + "Accepted publickey for fred from 192.0.2.60 port 44456 ssh2: ECDSA-CERT SHA256:qGl9KiyXrG6mIOo1CT01oHUvod7Ngs5VMHM14DTbxzI "
                + "ID foobar (serial 9624) CA ED25519 SHA256:fZ6L7TlBLqf1pGWzkcQMQMFZ+aGgrtYgRM90XO0gzZ8"));
        KeyInfo key = cert.key().orElseThrow();
        assertEquals("ECDSA-CERT", key.type());
        assertEquals("SHA256:qGl9KiyXrG6mIOo1CT01oHUvod7Ngs5VMHM14DTbxzI", key.fingerprint());
        KeyInfo.Certificate c = key.certificate().orElseThrow();
        assertEquals(List.of("foobar", "9624", "ED25519", "SHA256:fZ6L7TlBLqf1pGWzkcQMQMFZ+aGgrtYgRM90XO0gzZ8"),
                List.of(c.id(), c.serial(), c.caType(), c.caFingerprint()));
        LogEvent.Accepted md5 = assertInstanceOf(LogEvent.Accepted.class, LogTesting.one("Jan 28 11:51:43 server sshd[5104]: "
                + "Accepted publickey for fred from 192.0.2.60 port 60594 ssh2: RSA e8:31:68:c7:01:2d:25:20:36:8f:50:5d:f9:ee:70:4c"));
        assertEquals("e8:31:68:c7:01:2d:25:20:36:8f:50:5d:f9:ee:70:4c", md5.key().orElseThrow().fingerprint());
        LogEvent.Accepted none = assertInstanceOf(LogEvent.Accepted.class,
                LogTesting.one("Jan 28 11:52:05 server sshd[1003]: Accepted publickey for fred from 192.0.2.60 port 20042 ssh2"));
        assertEquals(Optional.empty(), none.key(), "before 6.3 no fingerprint was logged");
        LogEvent.NegotiationFailed mac = assertInstanceOf(LogEvent.NegotiationFailed.class, LogTesting.one(
                "fatal: no matching mac found: client hmac-sha1,hmac-sha1-96,hmac-md5 server hmac-sha2-512-etm@openssh.com [preauth]"));
        assertEquals(List.of("hmac-sha1", "hmac-sha1-96", "hmac-md5"), mac.offer());
    }
}
