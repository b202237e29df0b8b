package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** The authorized_keys lint, one positive and one negative case per rule. */
class AuthorizedKeysLintTest {
    /** A syntactically valid ed25519 public key blob (type string + 32 bytes), not anyone's key. */
    private static final String ED = ed25519(1);
    private static final String OTHER = ed25519(2);
    private static final List<String> DEFAULT = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512",
            "rsa-sha2-256");

    private static String ed25519(int fill) {
        byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        b.putInt(type.length).put(type).putInt(32);
        for (int i = 0; i < 32; i++) {
            b.put((byte) fill);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static List<String> ids(String content) {
        return lint(content).findings().stream().map(Finding::id).toList();
    }

    private static AuthorizedKeysLint lint(String content) {
        return new AuthorizedKeysLint("authorized_keys", DEFAULT, false).lint(content);
    }

    @Test
    void aCleanFileHasNoFindingsAndYieldsItsKeys() {
        AuthorizedKeysLint lint = lint("# laptop\nssh-ed25519 " + ED + " ann@laptop\n"
                + "restrict,command=\"uptime\",from=\"10.0.0.0/8\" ssh-ed25519 " + OTHER + " monitor\n");
        assertThat(lint.findings()).isEmpty();
        assertThat(lint.keys()).hasSize(2);
        assertThat(lint.keys().get(0).fingerprint()).startsWith("SHA256:");
    }

    @Test
    void aWrappedKeyIsReportedOnceOnItsFirstLine() {
        String wrapped = "ssh-ed25519 " + ED.substring(0, 40) + "\n" + ED.substring(40) + " ann@laptop\n";
        assertThat(ids(wrapped)).containsExactly(ServerAuthFindings.AUTHKEYS_WRAPPED);
        assertThat(ids("ssh-ed25519 " + ED.substring(0, 40) + " ann@laptop\n")).containsExactly(
                ServerAuthFindings.AUTHKEYS_BAD_KEY);
        assertThat(ids("ssh-ed25519 " + ED.substring(0, 40) + "\n" + ED.substring(40) + "\n"))
                .containsExactly(ServerAuthFindings.AUTHKEYS_WRAPPED);
    }

    @Test
    void aKeyWithoutTypeAndBadOptionsAreErrors() {
        assertThat(ids(ED + " ann@laptop\n")).containsExactly(ServerAuthFindings.AUTHKEYS_NO_TYPE);
        assertThat(ids("no-pty, no-agent-forwarding ssh-ed25519 " + ED + "\n"))
                .containsExactly(ServerAuthFindings.AUTHKEYS_BAD_OPTIONS);
        assertThat(ids("command=\"uptime ssh-ed25519 " + ED + "\n")).containsExactly(ServerAuthFindings.AUTHKEYS_BAD_OPTIONS);
        assertThat(ids("no-port-forward ssh-ed25519 " + ED + "\n")).containsExactly(ServerAuthFindings.AUTHKEYS_BAD_OPTIONS);
    }

    @Test
    void crlfDuplicatesAndHiddenKeysAreWarnings() {
        assertThat(ids("ssh-ed25519 " + ED + "\r\n")).containsExactly(ServerAuthFindings.AUTHKEYS_CRLF);
        assertThat(ids("ssh-ed25519 " + ED + " a\nfrom=\"10.0.0.0/8\" ssh-ed25519 " + ED + " b\n"))
                .containsExactly(ServerAuthFindings.AUTHKEYS_DUPLICATE);
        assertThat(ids("ssh-ed25519 " + ED + " a ssh-ed25519 " + OTHER + " b\n"))
                .containsExactly(ServerAuthFindings.AUTHKEYS_COMMENTED_KEY);
        assertThat(lint("#ssh-ed25519 " + ED + " old\n").findings()).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.INFO);
    }

    @Test
    void fromHostNamesNeedUseDnsAndNetworksMustBeValid() {
        assertThat(ids("from=\"*.example.org\" ssh-ed25519 " + ED + "\n"))
                .containsExactly(ServerAuthFindings.AUTHKEYS_FROM_PATTERN);
        assertThat(new AuthorizedKeysLint("k", DEFAULT, true).lint("from=\"*.example.org\" ssh-ed25519 " + ED + "\n")
                .findings()).isEmpty();
        assertThat(lint("from=\"10.0.0.1/8\" ssh-ed25519 " + ED + "\n").findings()).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.ERROR);
        assertThat(ids("from=\"192.168.1.*,!192.168.1.7\" ssh-ed25519 " + ED + "\n")).isEmpty();
    }

    @Test
    void keyTypesOutsidePubkeyAcceptedAlgorithmsAreRefused() {
        assertThat(new AuthorizedKeysLint("k", List.of("rsa-sha2-512"), false).lint("ssh-ed25519 " + ED + "\n")
                .findings()).extracting(Finding::id).containsExactly(ServerAuthFindings.AUTHKEYS_TYPE_NOT_ACCEPTED);
        assertThat(new AuthorizedKeysLint("k", List.of("ssh-ed25519*"), false).lint("ssh-ed25519 " + ED + "\n")
                .findings()).isEmpty();
    }
}
