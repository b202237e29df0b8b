package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.testing.MinaServers;

/**
 * The main session, relayed over the banner probe's connection, must reach a server that is not on
 * 127.0.0.1: MINA resolves the name of the address it is given again, so it must be pointed at the relay
 * (found by a 500-address fleet scan, where every target but 127.0.0.1 failed with "Connection refused").
 */
class RelayedSessionAddressTest {

    @Test
    void aServerOnAnotherLoopbackAddressIsDiagnosedThroughTheRelay() throws Exception {
        InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (ServerSocket probe = new ServerSocket(0, 1, other)) {
            assumeTrue(probe.isBound(), "127.0.0.2 is not usable here");
        } catch (java.io.IOException e) {
            assumeTrue(false, "127.0.0.2 is not usable here (only Linux routes all of 127/8 to lo)");
        }
        SshServer server = MinaServers.unstarted("127.0.0.2", "EC", 256);
        server.setPublickeyAuthenticator((user, k, session) -> false);
        server.start();
        try {
            Report report = Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2")
                    .withKnownHosts(List.of()))).diagnose(Target.of("127.0.0.2", server.getPort(), "fred"),
                    DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), DiagnosisListener.NONE);
            assertThat(report.probe("kex").orElseThrow().status()).as(report.probe("kex").orElseThrow().summary())
                    .isEqualTo(ProbeStatus.OK);
            assertThat(report.findings(HandshakeFindings.KEX_FAILED)).isEmpty();
            assertThat(report.findings(HandshakeFindings.AUTH_METHODS)).isNotEmpty();
        } finally {
            server.stop(true);
        }
    }
}
