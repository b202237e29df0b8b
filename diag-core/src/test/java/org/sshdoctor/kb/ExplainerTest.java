package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How explain treats real-world pastes: wrappers, platforms, several errors, ranking. */
class ExplainerTest {
    private final Explainer explainer = Explainer.builtIn();

    @Test
    void valuesFromTheTextAreCapturedAndUsed() {
        Match match = only("Unable to negotiate with 198.51.100.89 port 22: no matching host key type found. "
                + "Their offer: ssh-rsa,ssh-dss");
        assertThat(match.id()).isEqualTo("SSH-KEX-NO-HOSTKEY-MATCH");
        assertThat(match.captures()).containsEntry("address", "198.51.100.89").containsEntry("offer", "ssh-rsa,ssh-dss");
        assertThat(match.summary()).startsWith("The server offers only ssh-rsa,ssh-dss as host key (ssh-rsa: RSA with "
                + "SHA-1 signatures, off by default since OpenSSH 8.8; ssh-dss: DSA");
        assertThat(match.causes().get(0).cause().cause()).startsWith("The server only has ssh-rsa");
    }

    @Test
    void pseudoAlgorithmsAreDroppedFromTheOffer() {
        Match match = only("Unable to negotiate with 192.0.2.1 port 22: no matching key exchange method found. "
                + "Their offer: diffie-hellman-group1-sha1,ext-info-s,kex-strict-s-v00@openssh.com");
        assertThat(match.captures()).containsEntry("offer", "diffie-hellman-group1-sha1");
    }

    @Test
    void theOffendingKnownHostsLineIsNamed() {
        Explanation explanation = explainer.explain("""
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
                @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
                Offending ECDSA key in /home/fred/.ssh/known_hosts:17
                Host key for server.example.org has changed and you have requested strict checking.
                Host key verification failed.
                """);
        assertThat(explanation.matches()).extracting(Match::id)
                .containsExactly("SSH-HOSTKEY-CHANGED", "SSH-HOSTKEY-VERIFICATION-FAILED");
        Match changed = explanation.matches().get(0);
        assertThat(changed.summary()).isEqualTo(
                "The host key of server.example.org changed; the old entry is line 17 of /home/fred/.ssh/known_hosts");
        assertThat(explanation.matches().get(1).consequenceOf()).hasValue("SSH-HOSTKEY-CHANGED");
    }

    @Test
    void prefixesOfGitRsyncAnsibleAndSyslogDoNotMatter() {
        assertThat(explainer.recognise("git@github.com: Permission denied (publickey).")).containsExactly("SSH-AUTH-PERMISSION-DENIED");
        assertThat(explainer.recognise("scp: Received message too long 1416128883")).containsExactly("SSH-SFTP-STRAY-OUTPUT");
        assertThat(explainer.recognise("rsync: ssh: connect to host backup.example.org port 22: Connection refused"))
                .containsExactly("SSH-TCP-REFUSED");
        assertThat(explainer.recognise("2026-11-30T09:00:00.123456+00:00 web1 sshd-session[811]: Invalid user admin from 203.0.113.9 port 4242"))
                .containsExactly("SSH-SERVER-INVALID-USER");
        Explanation ansible = explainer.explain("fatal: [db1]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect "
                + "to the host via ssh: Warning: Permanently added '10.0.0.7' (ED25519) to the list of known hosts.\\r\\n"
                + "deploy@10.0.0.7: Permission denied (publickey).\", \"unreachable\": true}");
        assertThat(ansible.matches()).extracting(Match::id)
                .contains("SSH-AUTH-PERMISSION-DENIED", "SSH-HOSTKEY-ADDED");
        assertThat(ansible.matches().get(0).id()).isEqualTo("SSH-AUTH-PERMISSION-DENIED");
        assertThat(ansible.matches().get(0).captures()).containsEntry("user", "deploy").containsEntry("host", "10.0.0.7");
    }

    @Test
    void windowsPathsCarriageReturnsEscapesAndRedactedHostsAreTolerated() {
        Match windows = only("Load key \"C:\\\\Users\\\\Fred Smith\\\\.ssh\\\\id_ed25519\": invalid format\r\n");
        assertThat(windows.captures()).containsEntry("path", "C:\\\\Users\\\\Fred Smith\\\\.ssh\\\\id_ed25519");
        Match acl = only("Bad permissions. Try removing permissions for user: NT AUTHORITY\\Authenticated Users (S-1-5-11) "
                + "on file C:/Users/fred/.ssh/id_ed25519.");
        assertThat(acl.id()).isEqualTo("SSH-KEY-WINDOWS-ACL");
        assertThat(acl.captures()).containsEntry("account", "NT AUTHORITY\\Authenticated Users");
        assertThat(explainer.recognise("ssh: connect to host [REDACTED] port 22: Connection timed out\r"))
                .containsExactly("SSH-TCP-TIMEOUT");
        assertThat(explainer.recognise("\u001b[31mssh: connect to host xxx.xxx.xxx.xxx port 22: No route to host\u001b[0m"))
                .containsExactly("SSH-TCP-NO-ROUTE");
        assertThat(explainer.recognise("Server listening on\u00a0:: port 22.")).containsExactly("SSH-SERVER-LISTENING");
    }

    @Test
    void severalErrorsAreExplainedMostDecisiveFirstAndRepeatsAreCounted() {
        Explanation explanation = explainer.explain("""
                Connection closed by 192.0.2.5 port 22
                kex_exchange_identification: Connection closed by remote host
                Mar 19 11:11:06 server sshd[54798]: Failed password for root from 122.121.51.193 port 59928 ssh2
                Mar 19 11:11:07 server sshd[54798]: Failed password for root from 122.121.51.193 port 59928 ssh2
                Mar 19 11:11:08 server sshd[54798]: Failed password for root from 122.121.51.193 port 59928 ssh2
                Permissions 0644 for '/home/ann/.ssh/id_rsa' are too open.
                this line is about nothing
                """);
        assertThat(explanation.matches()).extracting(Match::id).containsExactly(
                "SSH-KEY-UNPROTECTED", "SSH-BANNER-CLOSED", "SSH-SERVER-FAILED-PASSWORD", "SSH-CONN-CLOSED-BY-PEER");
        assertThat(explanation.matches().get(2).count()).isEqualTo(3);
        assertThat(explanation.matches().get(3).consequenceOf()).hasValue("SSH-BANNER-CLOSED");
        assertThat(explanation.unmatched()).extracting(InputLine::text).containsExactly("this line is about nothing");
        assertThat(explanation.needsAction()).isTrue();
    }

    @Test
    void causesAreRankedForThisInput() {
        String denied = "fred@server.example.org: Permission denied (publickey).";
        Match alone = only(denied);
        assertThat(alone.causes().get(0).cause().cause()).startsWith("The public key is not in ~/.ssh/authorized_keys");

        Explanation withStrictModes = explainer.explain(denied + "\nsshd[4410]: Authentication refused: bad ownership or "
                + "modes for directory /home/fred");
        Match deniedMatch = withStrictModes.matches().stream().filter(m -> m.id().equals("SSH-AUTH-PERMISSION-DENIED"))
                .findFirst().orElseThrow();
        assertThat(deniedMatch.causes().get(0).cause().cause()).startsWith("The server ignores authorized_keys");
        assertThat(deniedMatch.causes().get(0).hinted()).isTrue();

        Match password = only("fred@server.example.org: Permission denied (publickey,password).");
        Match keyOnly = only("fred@server.example.org: Permission denied (publickey).");
        assertThat(likelihoodOf(keyOnly, "Password login is disabled")).isEqualTo("high");
        assertThat(likelihoodOf(password, "Password login is disabled")).isEqualTo("low");
    }

    @Test
    void serverLogLinesAreExplainedAsSuchNotAsFaults() {
        Match probe = only("Aug 10 19:09:05 server sshd[93126]: Failed none for invalid user admin from 125.64.94.136 port 27586 ssh2");
        assertThat(probe.id()).isEqualTo("SSH-SERVER-NONE-PROBE");
        assertThat(probe.summary()).contains("an attack probe, not a fault");
        assertThat(explainer.explain(probe.line()).needsAction()).isFalse();

        Match principal = only("May  5 17:29:52 server sshd[98884]: error: Certificate invalid: name is not a listed principal");
        assertThat(principal.causes().get(0).cause().check()).contains("ssh-keygen -L -f");
    }

    @Test
    void theSameTextFromClientAndServerMeansDifferentThings() {
        assertThat(explainer.recognise("kex_exchange_identification: Connection closed by remote host"))
                .containsExactly("SSH-BANNER-CLOSED");
        assertThat(explainer.recognise("Sep 14 10:01:12 bastion sshd[4411]: error: kex_exchange_identification: "
                + "Connection closed by remote host")).containsExactly("SSH-SERVER-PEER-NO-BANNER");
        assertThat(explainer.recognise("Unable to negotiate with 192.0.2.37 port 55046: no matching cipher found. "
                + "Their offer: arcfour [preauth]")).containsExactly("SSH-SERVER-CLIENT-CIPHER-NO-MATCH");
        assertThat(explainer.recognise("Unable to negotiate with 192.0.2.37 port 22: no matching cipher found. "
                + "Their offer: arcfour")).containsExactly("SSH-KEX-NO-CIPHER-MATCH");
    }

    @Test
    void nothingRecognisableGivesAnEmptyExplanation() {
        Explanation explanation = explainer.explain("hello\nworld\n");
        assertThat(explanation.isEmpty()).isTrue();
        assertThat(explanation.needsAction()).isFalse();
        assertThat(explanation.unmatched()).hasSize(2);
        assertThat(explainer.explain("").lines()).isZero();
    }

    /** A 10 000-line paste costs far less than a second of CPU; CPU time, so a loaded machine does not fail it. */
    @Test
    void aTenThousandLineTranscriptIsFast() {
        StringBuilder text = new StringBuilder();
        List<String> sample = List.of(Transcripts.read("too-many.txt"), Transcripts.read("hostkey-changed.txt"),
                Transcripts.read("../seed-symptoms.txt"));
        int lines = 0;
        for (int i = 0; lines < 10_600; i++) {
            String chunk = sample.get(i % sample.size());
            text.append(chunk).append('\n');
            lines += chunk.split("\n").length;
        }
        explainer.explain(text.toString()); // warm up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        Explanation explanation = explainer.explain(text.toString());
        long millis = (threads.getCurrentThreadCpuTime() - before) / 1_000_000;
        assertThat(explanation.lines()).isGreaterThanOrEqualTo(10_000);
        assertThat(explanation.matches()).hasSizeGreaterThan(30);
        assertThat(millis).as("CPU milliseconds for %d lines", explanation.lines()).isLessThan(1000);
    }

    private Match only(String text) {
        Explanation explanation = explainer.explain(text);
        assertThat(explanation.matches()).as("matches of %s", text).hasSize(1);
        return explanation.matches().get(0);
    }

    private static String likelihoodOf(Match match, String causePrefix) {
        return match.causes().stream().filter(c -> c.cause().cause().startsWith(causePrefix)).findFirst()
                .orElseThrow().likelihood();
    }
}
