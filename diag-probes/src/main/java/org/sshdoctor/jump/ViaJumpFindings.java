package org.sshdoctor.jump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.render.TerminalText;

/**
 * The findings of a diagnosis carried by the user's own ssh ({@code --via-jump}): which command carried it,
 * first, and, when that command ended without carrying anything, why in its own words.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ViaJumpFindings {
    private ViaJumpFindings() {}

    /**
     * {@code report} with the transport's findings first.
     *
     * @param command the command as the user would type it to reproduce the transport
     */
    public static Report withTransport(Report report, Target real, ConfigEntry proxy, List<String> command, List<JumpTransport.Run> runs) {
        String commandLine = String.join(" ", command);
        String keyword = proxy.keyword().equals("proxyjump") ? "ProxyJump" : "ProxyCommand";
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.of(JumpFindings.VIA_JUMP, Severity.INFO)
                .title(real.name() + " was diagnosed through your own ssh: " + TerminalText.line(commandLine))
                .detail(keyword + " " + proxy.value() + " (set by " + proxy.origin().describe() + "). Each of sshdoctor's connections to "
                        + real.hostName() + " port " + real.port() + " went through a run of that command, as ssh's do (for ProxyJump"
                        + " all of them over one login, an ssh -M master ended at the end): your ssh logged in to the jump host with your"
                        + " keys or agent, as when you connect, in batch mode (no prompt); sshdoctor itself signed nothing."
                        + " The DNS and TCP results below are for the local end of that command (127.0.0.1), the rest for "
                        + real.name() + " itself.")
                .evidence("transport", TerminalText.line(commandLine))
                .evidence("connections carried", runs.size())
                .build());
        Optional<JumpTransport.Run> failed = runs.stream().filter(JumpTransport.Run::failed).findFirst();
        if (failed.isPresent()) {
            JumpTransport.Run run = failed.get();
            String said = TerminalText.block(run.stderr().strip());
            Finding.Builder b = Finding.of(JumpFindings.TRANSPORT_FAILED, Severity.ERROR)
                    .title("Your ssh to the jump host did not carry the connection to " + real.name() + " (exit " + run.exitCode() + ")")
                    .detail(said.isEmpty() ? "It ended without a word before " + real.name() + "'s server answered." : said)
                    .evidence("transport", TerminalText.line(commandLine))
                    .evidence("failed runs", runs.stream().filter(JumpTransport.Run::failed).count())
                    .fix("Run it by hand to see the whole story: " + TerminalText.line(commandLine.startsWith("ssh ")
                            ? "ssh -v " + commandLine.substring(4) : commandLine)
                            + "\nDiagnose the jump host itself with sshdoctor " + real.name() + " (without --via-jump).");
            said.lines().filter(l -> !l.isBlank()).reduce((a, b2) -> b2).ifPresent(b::clientMessage);
            findings.add(b.build());
        }
        findings.addAll(report.findings());
        return new Report(report.target(), report.started(), report.probes(), findings);
    }
}
