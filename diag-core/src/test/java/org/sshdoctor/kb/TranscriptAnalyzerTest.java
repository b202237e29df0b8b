package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Real transcripts of OpenSSH 9.2 ({@code ssh -v -F none -o BatchMode=yes}) against a refused port and
 * a real sshd on a loopback high port, captured for these tests (kb/transcripts/README.md).
 */
class TranscriptAnalyzerTest {
    private final Explainer explainer = Explainer.builtIn();

    @Test
    void refusedPortStopsAtConnect() {
        Explanation explanation = explainer.explain(Transcripts.read("refused.txt"));
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(transcript.lastPhase()).isEqualTo("connect");
        assertThat(transcript.outcome()).isEqualTo("failed");
        assertThat(transcript.facts()).containsEntry("address", "127.0.0.1").containsEntry("port", "1");
        assertThat(explanation.matches()).extracting(Match::id).containsExactly("SSH-TCP-REFUSED");
        assertThat(explanation.unmatched()).isEmpty();
    }

    @Test
    void publickeyDeniedNamesTheRefusedKey() {
        Explanation explanation = explainer.explain(Transcripts.read("publickey-denied.txt"));
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(transcript.lastPhase()).isEqualTo("auth");
        assertThat(transcript.phases()).containsExactly("resolve", "connect", "banner", "kex", "hostkey", "auth");
        assertThat(transcript.facts()).containsEntry("user", "sshdemo").containsEntry("methods", "publickey")
                .containsEntry("hostKeyStatus", "known").containsEntry("server", "OpenSSH_9.2p1 Debian-2+deb12u10");
        assertThat(transcript.keys()).singleElement().satisfies(key -> {
            assertThat(key.path()).isEqualTo("keys/user_a");
            assertThat(key.fingerprint()).isEqualTo("SHA256:4pLuZwpQRoDIt7RDKQOgno5OC5mnddgtGO4ybq7WWpY");
            assertThat(key.origin()).isEqualTo("explicit");
            assertThat(key.result()).isEqualTo("refused");
        });
        assertThat(transcript.notes()).anyMatch(n -> n.startsWith("The server refused 1 key(s): keys/user_a"));
        assertThat(explanation.matches().get(0).id()).isEqualTo("SSH-AUTH-PERMISSION-DENIED");
        assertThat(explanation.unmatched()).isEmpty();
    }

    @Test
    void tooManyFailuresCountsTheKeysAndNamesTheOneNeverTried() {
        Explanation explanation = explainer.explain(Transcripts.read("too-many.txt"));
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(transcript.keys()).extracting(Transcript.KeyAttempt::result)
                .containsExactly("refused", "refused", "refused", "not tried");
        assertThat(transcript.notes()).anyMatch(n -> n.startsWith("ssh offered 3 key(s) before the server's MaxAuthTries")
                && n.contains("never tried: keys/user_d"));
        assertThat(explanation.matches()).extracting(Match::id)
                .containsExactly("SSH-AUTH-TOO-MANY-FAILURES", "SSH-CONN-DISCONNECTED");
    }

    @Test
    void aMissingIdentityFileIsCalledOut() {
        Transcript transcript = explainer.explain(Transcripts.read("missing-identity.txt")).transcript().orElseThrow();
        assertThat(transcript.notes()).anyMatch(n -> n.startsWith("Your key keys/missing_key was never offered")
                && n.contains("fell back to its default identities"));
        assertThat(transcript.keys()).filteredOn(k -> k.origin().equals("default"))
                .allMatch(k -> k.result().equals("missing"));
    }

    @Test
    void hostKeyChangedStopsAtTheHostKeyCheck() {
        Explanation explanation = explainer.explain(Transcripts.read("hostkey-changed.txt"));
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(transcript.lastPhase()).isEqualTo("hostkey");
        assertThat(transcript.facts()).containsEntry("hostKeyStatus", "changed");
        Match changed = explanation.matches().get(0);
        assertThat(changed.id()).isEqualTo("SSH-HOSTKEY-CHANGED");
        assertThat(changed.captures()).containsEntry("file", "kh_changed").containsEntry("line", "1")
                .containsEntry("host", "[127.0.0.1]:42222");
    }

    @Test
    void unknownHostInBatchModeIsStrictChecking() {
        Explanation explanation = explainer.explain(Transcripts.read("hostkey-unknown.txt"));
        assertThat(explanation.matches()).extracting(Match::id)
                .containsExactly("SSH-HOSTKEY-UNKNOWN-STRICT", "SSH-HOSTKEY-VERIFICATION-FAILED");
        assertThat(explanation.transcript().orElseThrow().notes())
                .anyMatch(n -> n.contains("is not in known_hosts and ssh could not ask"));
    }

    @Test
    void noMatchingHostKeyTypeStopsInKex() {
        Explanation explanation = explainer.explain(Transcripts.read("no-host-key-type.txt"));
        assertThat(explanation.transcript().orElseThrow().lastPhase()).isEqualTo("kex");
        Match match = explanation.matches().get(0);
        assertThat(match.id()).isEqualTo("SSH-KEX-NO-HOSTKEY-MATCH");
        assertThat(match.captures()).containsEntry("offer", "ssh-ed25519");
        // A modern offer: the client's own HostKeyAlgorithms restriction is the likely cause.
        assertThat(match.causes().get(0).cause().cause()).startsWith("HostKeyAlgorithms in ~/.ssh/config");
    }

    @Test
    void aSuccessfulLoginReachesTheSession() {
        Explanation explanation = explainer.explain(Transcripts.read("success.txt"));
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(transcript.outcome()).isEqualTo("authenticated");
        assertThat(transcript.lastPhase()).isEqualTo("session");
        assertThat(transcript.facts()).containsEntry("authenticatedWith", "publickey").containsEntry("command", "true");
        assertThat(transcript.keys()).extracting(Transcript.KeyAttempt::result).containsExactly("used");
        assertThat(explanation.needsAction()).isFalse();
    }

    @Test
    void theSeedsOldTranscriptShowsKeysThatDoNotExist() {
        String seed = String.join("\n",
                "OpenSSH_6.8, LibreSSL 2.1",
                "debug1: Connecting to server.example.org [198.51.100.20] port 22.",
                "debug1: Connection established.",
                "debug1: identity file /home/fred/.ssh/id_rsa type -1",
                "debug1: identity file /home/fred/.ssh/id_ed25519 type -1",
                "debug1: Remote protocol version 2.0, remote software version OpenSSH_6.7",
                "debug1: SSH2_MSG_KEXINIT sent",
                "debug1: Server host key: ecdsa-sha2-nistp256 SHA256:CEXGTmrVgeY1qEiwFe2Yy3XqrWdjm98jKmX0LK5mlQg",
                "debug1: SSH2_MSG_SERVICE_ACCEPT received",
                "debug1: Authentications that can continue: publickey,password,keyboard-interactive",
                "debug1: Next authentication method: publickey",
                "debug1: Trying private key: /home/fred/.ssh/id_rsa",
                "debug1: Trying private key: /home/fred/.ssh/id_ed25519",
                "debug1: Next authentication method: keyboard-interactive",
                "debug1: Authentications that can continue: publickey,password,keyboard-interactive",
                "debug1: Next authentication method: password",
                "debug1: Authentication succeeded (password).",
                "Authenticated to server.example.org ([198.51.100.20]:22).",
                "debug1: channel 0: new [client-session]",
                "debug1: Entering interactive session.");
        Explanation explanation = explainer.explain(seed);
        Transcript transcript = explanation.transcript().orElseThrow();
        assertThat(explanation.matches()).extracting(Match::id).as("debug lines are told by the transcript")
                .containsExactly("SSH-AUTH-SUCCEEDED");
        assertThat(transcript.lastPhase()).isEqualTo("session");
        assertThat(transcript.keys()).extracting(Transcript.KeyAttempt::result).containsExactly("missing", "missing");
        assertThat(transcript.facts()).containsEntry("authenticatedWith", "password");
    }

    @Test
    void aDebugLineAloneIsExplained() {
        Match match = explainer.explain("debug1: identity file /home/fred/.ssh/id_rsa type -1").matches().get(0);
        assertThat(match.id()).isEqualTo("SSH-CLIENT-DEBUG-AUTH");
        assertThat(match.captures()).containsEntry("path", "/home/fred/.ssh/id_rsa").containsEntry("type", "-1");
    }

    @Test
    void serverDebugOutputIsNotAClientTranscript() {
        assertThat(explainer.explain("debug1: sshd version OpenSSH_6.8, LibreSSL 2.1\ndebug1: Bind to port 22 on 0.0.0.0.")
                .transcript()).isEmpty();
    }
}
