package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** The per-process stories the seed describes, rebuilt from the lines of one pid. */
class StoriesTest {
    @Test
    void revokedKeyIsTiedToTheAccountByTheLaterCloseOfTheSamePid() {
        // The Wikibook's awk recipe: "revoked by file" then "closed by authenticating user" of the same pid.
        LogSummary s = LogTesting.run("""
                Mar 14 20:44:01 server sshd[14352]: error: Authentication key RSA SHA256:jXEPmu4thnubqPUDcKDs31MOVLQJH6FfF1XSGT748jQ revoked by file /etc/ssh/ssh_revoked_keys
                Mar 14 20:44:02 server sshd[14353]: Connection closed by authenticating user mallory 192.0.2.99 port 1 [preauth]
                Mar 14 20:44:04 server sshd[14352]: Connection closed by authenticating user fred 192.0.2.237 port 55051 [preauth]
                Mar 14 20:36:40 server sshd[29235]: error: Authentication key RSA SHA256:jXEPmu4thnubqPUDcKDs31MOVLQJH6FfF1XSGT748jQ revoked by file /etc/ssh/ssh_revoked_keys
                Mar 14 20:36:45 server sshd[29235]: Accepted password for fred from 192.0.2.10 port 59967 ssh2
                """).summary();
        List<CredentialStory> stories = s.credentialStories();
        assertEquals(2, stories.size());
        CredentialStory gaveUp = stories.stream().filter(c -> c.pid() == 14352).findFirst().orElseThrow();
        assertEquals(Optional.of("fred"), gaveUp.user());
        assertEquals(Optional.of("192.0.2.237"), gaveUp.address());
        assertEquals(CredentialStory.Outcome.GAVE_UP, gaveUp.outcome());
        assertEquals("RSA SHA256:jXEPmu4thnubqPUDcKDs31MOVLQJH6FfF1XSGT748jQ", gaveUp.credential());
        CredentialStory password = stories.stream().filter(c -> c.pid() == 29235).findFirst().orElseThrow();
        assertEquals(CredentialStory.Outcome.LOGGED_IN_OTHERWISE, password.outcome());
        Finding finding = finding(s, LogFindings.REVOKED_KEY_USED);
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.title().contains("by fred"), finding.title());
    }

    @Test
    void certificateRefusalIsTiedToTheAccountAndTimeoutsSaySo() {
        LogSummary s = LogTesting.run("""
                May  5 17:29:52 server sshd[98884]: error: Certificate invalid: name is not a listed principal
                May  5 17:29:56 server sshd[98884]: Connection closed by authenticating user fred 192.0.2.60 port 45114 [preauth]
                May  5 16:58:00 server sshd[90593]: error: Certificate invalid: not yet valid
                May  5 17:00:00 server sshd[90593]: fatal: Timeout before authentication for 192.0.2.60 port 44718
                """).summary();
        assertEquals(List.of(Optional.of("fred"), Optional.empty()), s.credentialStories().stream().map(CredentialStory::user).toList());
        assertEquals(CredentialStory.Outcome.TIMED_OUT, s.credentialStories().get(1).outcome());
        assertTrue(finding(s, LogFindings.CERTIFICATE_REFUSED).title().contains("name is not a listed principal"));
    }

    @Test
    void sftpSessionListsFilesAndBytes() {
        LogSummary s = LogTesting.run("""
                Oct 22 11:59:45 server internal-sftp[4929]: session opened for local user fred from [192.0.2.33]
                Oct 22 11:59:50 server internal-sftp[4929]: open "/home/fred/foo" flags WRITE,CREATE,TRUNCATE mode 0664
                Oct 22 11:59:50 server internal-sftp[4929]: close "/home/fred/foo" bytes read 0 written 928
                Oct 22 12:07:59 server internal-sftp[4929]: opendir "/var/www"
                Oct 22 12:07:59 server internal-sftp[4929]: closedir "/var/www"
                Oct 22 12:08:03 server internal-sftp[4929]: open "/home/fred/foo" flags READ mode 0666
                Oct 22 12:08:03 server internal-sftp[4929]: close "/home/fred/foo" bytes read 928 written 0
                Oct 22 12:08:05 server internal-sftp[4929]: sent status No such file
                Oct 22 12:09:10 server internal-sftp[4929]: session closed for local user fred from [192.0.2.33]
                """).summary();
        SftpTranscript t = s.sftpSessions().get(0);
        assertEquals("fred", t.user());
        assertEquals(Optional.of("192.0.2.33"), t.address());
        assertEquals(List.of(new SftpTranscript.FileTransfer("/home/fred/foo", 0, 928), new SftpTranscript.FileTransfer("/home/fred/foo", 928, 0)), t.files());
        assertEquals(List.of(1L, 928L, 1L, 928L, 1L), List.of(t.filesRead(), t.bytesRead(), t.filesWritten(), t.bytesWritten(), t.directoriesListed()));
        assertEquals(List.of("No such file"), t.errors());
        assertEquals(Duration.ofSeconds(565), Duration.between(t.opened().orElseThrow(), t.closed().orElseThrow()));
        assertEquals(new SftpTotals("fred", 1, 1, 1, 928, 1, 928), s.sftpTotals().get(0));
    }

    @Test
    void loginSessionsGetDurationsAcrossTheChildPid() {
        LogSummary s = LogTesting.run("""
                Jan 28 12:42:41 server sshd[26299]: Connection from 192.0.2.60 port 47366 on 192.0.2.1 port 22 rdomain ""
                Jan 28 12:42:42 server sshd[26299]: Failed none for fred from 192.0.2.60 port 47366 ssh2
                Jan 28 12:42:44 server sshd[26299]: Accepted password for fred from 192.0.2.60 port 47366 ssh2
                Jan 28 12:42:44 server sshd[26299]: User child is on pid 21613
                Jan 28 12:42:44 server sshd[21613]: Starting session: shell on pts/0 for fred from 192.0.2.60 port 47366 id 0
                Jan 28 13:12:44 server sshd[21613]: Received disconnect from 192.0.2.60 port 47366:11: disconnected by user
                Jan 28 13:12:44 server sshd[21613]: Disconnected from user fred 192.0.2.60 port 47366
                """).summary();
        Login login = s.logins().get(0);
        assertEquals(1, s.loginCount());
        assertEquals(Optional.of(Duration.ofMinutes(30)), login.duration());
        assertEquals("disconnected by user", login.ending());
        assertEquals(0, s.topSources().get(0).attempts(), "'Failed none' for a valid user is how clients start, not an attempt");
        assertTrue(s.findings().stream().noneMatch(f -> f.severity().needsAction()), () -> s.findings().toString());
    }

    @Test
    void bruteForceAndLoginFromTheSameAddressIsAnError() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            log.append("Mar 18 18:54:").append(10 + i).append(" server sshd[5493").append(i).append("]: Failed password for root from 201.179.249.231 port 524")
                    .append(10 + i).append(" ssh2\n");
        }
        log.append("Mar 18 18:59:00 server sshd[60000]: Accepted password for root from 201.179.249.231 port 60000 ssh2\n");
        LogSummary s = LogTesting.run(log.toString()).summary();
        Finding brute = finding(s, LogFindings.BRUTE_FORCE);
        assertEquals(Severity.ERROR, brute.severity());
        assertTrue(brute.title().contains("201.179.249.231"));
        assertEquals(Severity.WARNING, finding(s, LogFindings.ROOT_PASSWORD_LOGIN).severity());
        assertEquals(12, s.topSources().get(0).attempts());
    }

    @Test
    void keyOnlyServerAttacksAreInformation() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            log.append("Aug 10 19:09:05 server sshd[").append(100 + i).append("]: Invalid user admin").append(i % 3)
                    .append(" from 203.0.113.").append(i).append(" port 27586\n");
            log.append("Aug 10 19:09:05 server sshd[").append(100 + i).append("]: Failed none for invalid user admin").append(i % 3)
                    .append(" from 203.0.113.").append(i).append(" port 27586 ssh2\n");
        }
        LogSummary s = LogTesting.run(log.toString()).summary();
        Finding distributed = finding(s, LogFindings.DISTRIBUTED_ATTACK);
        assertEquals(Severity.INFO, distributed.severity(), "no password tried: guessing cannot succeed");
        assertEquals(Severity.INFO, finding(s, LogFindings.NONE_PROBES).severity());
        assertTrue(!s.needsAction());
    }

    @Test
    void scansAndOwnProbesAreLabelledAsScans() {
        LogSummary s = LogTesting.run("""
                Jun  8 10:44:36 server sshd[3204729]: Unable to negotiate with 198.51.100.9 port 45626: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1 [preauth]
                Jun  8 10:44:37 server sshd[3204730]: Connection closed by 198.51.100.9 port 45627 [preauth]
                Jun  8 10:44:38 server sshd[3204731]: probed from 192.0.2.5 port 40000 with SSH-2.0-sshdoctor_0.1.  Don't panic.
                """).summary();
        assertEquals(Severity.INFO, finding(s, LogFindings.SCANS).severity());
        assertTrue(finding(s, LogFindings.OWN_PROBES).title().contains("192.0.2.5"));
        assertTrue(s.findings().stream().noneMatch(f -> f.id().equals(LogFindings.NEGOTIATION_FAILED)), "nmap's probe offer is a scan");
        assertTrue(!s.needsAction());
    }

    @Test
    void sshKeyscanAgainstARealSshdIsAScanNotAFault() {
        // sshd -E output (no envelope) of OpenSSH 9.2 with only an Ed25519 host key, probed by ssh-keyscan.
        LogSummary s = LogTesting.run("""
                Connection from 127.0.0.1 port 48888 on 127.0.0.1 port 47222 rdomain ""
                Unable to negotiate with 127.0.0.1 port 48888: no matching host key type found. Their offer: ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521 [preauth]
                Unable to negotiate with 127.0.0.1 port 48876: no matching host key type found. Their offer: rsa-sha2-512,rsa-sha2-256,ssh-rsa [preauth]
                Connection closed by 127.0.0.1 port 48900 [preauth]
                Unable to negotiate with 127.0.0.1 port 48912: no matching host key type found. Their offer: sk-ecdsa-sha2-nistp256@openssh.com [preauth]
                Unable to negotiate with 127.0.0.1 port 48924: no matching host key type found. Their offer: sk-ssh-ed25519@openssh.com [preauth]
                Unable to negotiate with 127.0.0.1 port 48872: no matching cipher found. Their offer: aes128-cbc [preauth]
                """).summary();
        assertEquals(List.of(LogFindings.NEGOTIATION_FAILED, LogFindings.SCANS), s.findings().stream().map(Finding::id).toList());
        assertTrue(s.findings().get(0).title().startsWith("No matching cipher"), "only the real client's cipher failure is a fault");
    }

    @Test
    void serverSideProblemsNeedAction() {
        LogSummary s = LogTesting.run("""
                May  4 18:30:04 collectd sshd[15191]: Authentication refused: bad ownership or modes for directory /home/ansible/.ssh
                Aug  4 23:52:38 server sshd[7075]: fatal: bad ownership or modes for chroot directory component "/home/fred/"
                May  5 05:00:38 junction sshd[28395]: subsystem request for sftp by user checker failed, subsystem not found
                Mar  1 10:00:00 box sshd[1]: User deploy not allowed because account is locked
                Mar  1 10:00:01 box sshd[2]: User fred from 198.51.100.1 not allowed because not listed in AllowUsers
                Mar  1 10:00:02 box sshd[3]: Accepted publickey for fred from 192.0.2.60 port 5 ssh2: ED25519 SHA256:abc
                Mar  1 10:00:03 box sshd[4]: userauth_pubkey: signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms [preauth]
                Mar  1 10:00:04 box sshd[5]: drop connection #10 from [203.0.113.5]:5555 on [192.0.2.1]:22 past MaxStartups
                Mar  1 10:00:05 box sshd[6]: /etc/ssh/sshd_config line 12: Bad configuration option: PermitRootLogn
                """).summary();
        assertEquals(Severity.ERROR, finding(s, LogFindings.STRICTMODES_REFUSED).severity());
        assertEquals(Severity.ERROR, finding(s, LogFindings.CHROOT_OWNERSHIP).severity());
        assertEquals(Severity.ERROR, finding(s, LogFindings.SUBSYSTEM_MISSING).severity());
        assertEquals(Severity.ERROR, finding(s, LogFindings.SERVER_CONFIG_ERROR).severity());
        assertEquals(Severity.WARNING, finding(s, LogFindings.ACCOUNT_UNUSABLE).severity());
        assertEquals(Severity.WARNING, finding(s, LogFindings.USER_NOT_ALLOWED).severity(), "fred logs in otherwise: a real user refused");
        assertEquals(Severity.WARNING, finding(s, LogFindings.SIGNATURE_ALGORITHM_REFUSED).severity());
        assertEquals(Severity.WARNING, finding(s, LogFindings.MAXSTARTUPS_DROPS).severity());
        LogSummary penalty = LogTesting.run("Oct 20 08:54:36 h sshd[5]: drop connection #0 from [198.51.100.4]:48602 on [192.0.2.1]:22 "
                + "penalty: failed authentication\n").summary();
        assertTrue(penalty.findings().stream().noneMatch(f -> f.id().equals(LogFindings.MAXSTARTUPS_DROPS)),
                "a PerSourcePenalties drop is sshd defending itself, not MaxStartups refusing everyone");
    }

    @Test
    void legitimateNegotiationFailureIsAWarningWithTheOffer() {
        LogSummary s = LogTesting.run("Mar  3 10:56:18 junction sshd[32065]: fatal: Unable to negotiate with 202.191.177.33 port 3579: "
                + "no matching cipher found. Their offer: 3des-cbc,aes128-cbc [preauth]\n").summary();
        Finding f = finding(s, LogFindings.NEGOTIATION_FAILED);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.detail().contains("3des-cbc,aes128-cbc"), f.detail());
    }

    @Test
    void attacksThroughATunnelAreCalledOut() {
        LogSummary s = LogTesting.run("""
                Mar 23 14:20:17 server sshd[5613]: Invalid user cloud from ::1 port 57404
                Mar 23 14:20:21 server sshd[5613]: Failed password for invalid user cloud from ::1 port 57404 ssh2
                Mar 23 14:20:26 server sshd[5613]: Failed password for invalid user cloud from ::1 port 57404 ssh2
                Mar 23 14:20:32 server sshd[5613]: Failed password for invalid user cloud from ::1 port 57404 ssh2
                Mar 23 14:20:35 server sshd[5613]: Connection closed by invalid user cloud ::1 port 57404 [preauth]
                """).summary();
        assertEquals(Severity.WARNING, finding(s, LogFindings.ATTACKS_VIA_LOOPBACK).severity());
    }

    private static Finding finding(LogSummary s, String id) {
        return s.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + s.findings().stream().map(Finding::id).toList()));
    }
}
