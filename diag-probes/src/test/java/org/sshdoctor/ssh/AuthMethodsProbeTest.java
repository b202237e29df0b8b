package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.RealSshClient;

/** The methods a real sshd offers to a user, learned from a 'none' request. */
class AuthMethodsProbeTest {

    @Nested
    class PasswordOff {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("PasswordAuthentication no", "KbdInteractiveAuthentication no");

        @Test
        void onlyPublickeyIsSaidAndSshsPermissionDeniedQuoted() throws Exception {
            Report report = NegotiationProbeTest.diagnose(SSHD.port());
            Finding methods = report.findings(HandshakeFindings.AUTH_METHODS).get(0);
            assertThat(methods.severity()).isEqualTo(Severity.INFO);
            assertThat(methods.title()).isEqualTo("Password login is off for tester: the server accepts only publickey");
            assertThat(methods.clientMessage()).contains("tester@127.0.0.1: Permission denied (publickey).");
            assertThat(RealSshClient.stderrOf(SSHD.port(), 3)).contains(methods.clientMessage().orElseThrow());
            assertThat(SSHD.log()).doesNotContain("Failed password");
        }
    }

    @Nested
    class Defaults {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer("KbdInteractiveAuthentication yes");

        @Test
        void everyMethodIsListed() {
            Finding methods = NegotiationProbeTest.diagnose(SSHD.port()).findings(HandshakeFindings.AUTH_METHODS).get(0);
            assertThat(methods.severity()).isEqualTo(Severity.OK);
            assertThat(methods.evidence()).containsEntry("methods", "publickey,password,keyboard-interactive");
        }
    }
}
