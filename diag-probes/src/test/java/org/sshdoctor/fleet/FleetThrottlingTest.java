package org.sshdoctor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.ssh.PeerFindings;

/** How a scan counts a host that throttled its connections: busy, not unreachable, not broken. */
class FleetThrottlingTest {
    private static final List<ProbeRun> REACHED = List.of(new ProbeRun("dns", ProbeStatus.OK, 0, ""),
            new ProbeRun("tcp", ProbeStatus.OK, 1, ""), new ProbeRun("banner", ProbeStatus.OK, 1, ""));

    private static Report report(List<ProbeRun> probes, Finding... findings) {
        return new Report(Target.of("127.0.0.1", 22, "fred"), Instant.EPOCH, probes, List.of(findings));
    }

    private static Finding finding(String id, Severity severity) {
        return Finding.of(id, severity).title("t").build();
    }

    @Test
    void throttlingThatStoppedTheDiagnosisIsThrottledEvenWhenTheBannerFailed() {
        List<ProbeRun> bannerFailed = List.of(new ProbeRun("dns", ProbeStatus.OK, 0, ""),
                new ProbeRun("tcp", ProbeStatus.OK, 1, ""), new ProbeRun("banner", ProbeStatus.FAILED, 1, "refused"));
        assertThat(FleetSummary.outcomeOf(report(bannerFailed, finding(PeerFindings.THROTTLED, Severity.ERROR))))
                .isEqualTo(FleetSummary.Outcome.THROTTLED);
        assertThat(FleetSummary.outcomeOf(report(REACHED, finding(PeerFindings.THROTTLED, Severity.ERROR))))
                .isEqualTo(FleetSummary.Outcome.THROTTLED);
    }

    @Test
    void aRetryThatGotThroughCountsAsThrottledOnlyWhenNothingElseIsWrong() {
        assertThat(FleetSummary.outcomeOf(report(REACHED, finding(PeerFindings.THROTTLED, Severity.WARNING),
                finding("SSH-ALGO-NEGOTIATED", Severity.OK)))).isEqualTo(FleetSummary.Outcome.THROTTLED);
        assertThat(FleetSummary.outcomeOf(report(REACHED, finding(PeerFindings.THROTTLED, Severity.WARNING),
                finding("SSH-KEX-NO-KEX-MATCH", Severity.ERROR)))).isEqualTo(FleetSummary.Outcome.PROBLEMS);
    }

    @Test
    void theSummaryCountsThrottledHostsApart() {
        FleetSummary summary = new FleetSummary();
        summary.add(report(REACHED, finding(PeerFindings.THROTTLED, Severity.ERROR)));
        summary.add(report(REACHED, finding("SSH-ALGO-NEGOTIATED", Severity.OK)));
        assertThat(summary.count(FleetSummary.Outcome.THROTTLED)).isEqualTo(1);
        assertThat(summary.count(FleetSummary.Outcome.OK)).isEqualTo(1);
        assertThat(summary.mostCommon(5)).extracting(FleetSummary.Common::id).containsExactly(PeerFindings.THROTTLED);
    }
}
