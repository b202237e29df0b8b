package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.testing.EndlesshServer;
import org.sshdoctor.testing.RealSshClient;

/** The real tarpit from Debian: named as a tarpit within the banner deadline, where ssh times out or waits forever. */
class EndlesshTest {
    @RegisterExtension
    static final EndlesshServer ENDLESSH = new EndlesshServer();

    @Test
    void endlesshIsNamedAsATarpitWithinTheDeadline() throws Exception {
        long start = System.nanoTime();
        Report report = Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2"))).diagnose(
                Target.of("127.0.0.1", ENDLESSH.port(), "tester"), DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(2)),
                DiagnosisListener.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("milliseconds").isBetween(1_900L, 8_000L);
        Finding tarpit = BannerProbeTest.only(report, BannerFindings.TARPIT);
        assertThat(Integer.parseInt(tarpit.evidence().get("lines"))).as("lines seen").isGreaterThanOrEqualTo(3);
        // ssh's banner timer counts down across lines and stops counting once it reaches zero just as a line
        // arrives: so ssh either times out as the finding says, or waits for as long as lines keep coming.
        String says = tarpit.clientMessage().orElseThrow();
        assertThat(says).contains("or nothing at all").contains("here about 0.2 s");
        for (int connectTimeout = 1; connectTimeout <= 2; connectTimeout++) {
            RealSshClient.stderrIfEndedWithin(ENDLESSH.port(), connectTimeout, 4).ifPresent(ssh ->
                    assertThat(ssh).contains(says.lines().findFirst().orElseThrow()));
        }
    }
}
