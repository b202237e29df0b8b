package org.sshdoctor.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

class RenderersTest {
    static final Report REPORT = new Report(Target.of("127.0.0.1", 2299, "fred"), Instant.parse("2026-11-30T10:00:00Z"),
            List.of(new ProbeRun("dns", ProbeStatus.OK, 0, "127.0.0.1 is an address: no lookup needed"),
                    new ProbeRun("tcp", ProbeStatus.FAILED, 3, "127.0.0.1:2299 connection refused"),
                    new ProbeRun("banner", ProbeStatus.SKIPPED, 0, "tcp failed: 127.0.0.1:2299 connection refused")),
            List.of(Finding.of("SSH-TCP-REFUSED", Severity.ERROR)
                    .title("Nothing accepts connections on port 2299")
                    .detail("The host answered with a TCP reset.")
                    .evidence("127.0.0.1:2299", "connection refused after 3 ms")
                    .clientMessage("ssh: connect to host 127.0.0.1 port 2299: Connection refused")
                    .fix("Check that sshd runs:\n  systemctl status ssh")
                    .build(),
                    Finding.of("SSH-BANNER-IDENTIFIED", Severity.OK).title("Hidden unless verbose").build()));

    @Test
    void textReportIsStableAndUncoloured() {
        assertThat(new TextRenderer(false, false).render(REPORT)).isEqualTo("""
                sshdoctor  fred@127.0.0.1 port 2299

                  dns     ok          0 ms  127.0.0.1 is an address: no lookup needed
                  tcp     failed      3 ms  127.0.0.1:2299 connection refused
                  banner  skipped           tcp failed: 127.0.0.1:2299 connection refused

                error [SSH-TCP-REFUSED] Nothing accepts connections on port 2299
                    The host answered with a TCP reset.
                    ssh says: ssh: connect to host 127.0.0.1 port 2299: Connection refused
                    fix:      Check that sshd runs:
                                systemctl status ssh
                    see:      sshdoctor kb SSH-TCP-REFUSED

                1 error, 0 warnings
                """);
    }

    @Test
    void colourUsesAnsiOnlyWhenAsked() {
        assertThat(new TextRenderer(true, false).render(REPORT)).contains("\u001b[31m");
        assertThat(new TextRenderer(false, true).render(REPORT)).doesNotContain("\u001b[").contains("Hidden unless verbose");
    }

    @Test
    void hostileTextCannotDriveTheTerminal() {
        Report hostile = new Report(Target.of("h", 22, "u"), Instant.EPOCH,
                List.of(new ProbeRun("banner", ProbeStatus.OK, 1, "SSH-2.0-x\u001b]0;owned\u0007\u001b[2J")), List.of());
        String text = new TextRenderer(false, false).render(hostile);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\x1B]0;owned\\x07");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer("0.1.0").render(REPORT));
        assertThat(json.path("sshdoctor").asText()).isEqualTo("0.1.0");
        assertThat(json.path("target").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(json.path("target").path("port").asInt()).isEqualTo(2299);
        assertThat(json.path("target").path("user").asText()).isEqualTo("fred");
        JsonNode tcp = json.path("probes").get(1);
        assertThat(tcp.path("name").asText()).isEqualTo("tcp");
        assertThat(tcp.path("status").asText()).isEqualTo("failed");
        assertThat(tcp.path("millis").asLong()).isEqualTo(3);
        assertThat(tcp.path("reason").asText()).isEqualTo("127.0.0.1:2299 connection refused");
        JsonNode finding = json.path("findings").get(0);
        assertThat(finding.path("id").asText()).isEqualTo("SSH-TCP-REFUSED");
        assertThat(finding.path("severity").asText()).isEqualTo("error");
        assertThat(finding.path("clientMessage").asText()).startsWith("ssh: connect to host");
        assertThat(finding.path("evidence").path("127.0.0.1:2299").asText()).contains("refused");
        assertThat(finding.path("observed").asBoolean()).isTrue();
        assertThat(json.path("findings").get(1).has("clientMessage")).isFalse();
        assertThat(json.path("counts").path("error").asInt()).isEqualTo(1);
    }

    @Test
    void aLocalFindingShowsWhatSshdLogsAndWhatTheClientSeesInAWiderColumn() {
        Finding refused = Finding.of("SSH-STRICTMODES-DIR", Severity.ERROR)
                .title("StrictModes refuses directory /home/ann")
                .evidence("path", "/home/ann")
                .evidence("sshdLog", "Authentication refused: bad ownership or modes for directory /home/ann")
                .clientMessage("Permission denied (publickey).")
                .fix("chmod go-w /home/ann")
                .build();

        assertThat(new TextRenderer(false, true, TextRenderer.Viewpoint.BOTH_ENDS).finding(refused)).isEqualTo("""
                error [SSH-STRICTMODES-DIR] StrictModes refuses directory /home/ann
                    sshd logs:   Authentication refused: bad ownership or modes for directory /home/ann
                    client sees: Permission denied (publickey).
                    evidence:    path = /home/ann
                    fix:         chmod go-w /home/ann
                    see:         sshdoctor kb SSH-STRICTMODES-DIR
                """);
        assertThat(new TextRenderer(false, false).finding(refused)).contains("    ssh says: Permission denied (publickey).\n")
                .doesNotContain("sshd logs");
    }

    @Test
    void findingsOutsideAReportHaveTheReportsJsonShape() throws Exception {
        JsonNode report = new ObjectMapper().readTree(new JsonRenderer("test").render(REPORT));
        JsonNode alone = new ObjectMapper().readTree(JsonRenderer.findings(REPORT.findings()).toString());

        assertThat(alone).isEqualTo(report.get("findings"));
        assertThat(new ObjectMapper().readTree(JsonRenderer.counts(REPORT.findings()).toString())).isEqualTo(report.get("counts"));
    }
}
