package org.sshdoctor.local;

import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigFacts;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;

/**
 * Reports what is wrong in the ssh_config that resolved the target (unknown options, syntax, file
 * permissions), as ssh does before anything else: ssh refuses to start on most of these, so a network
 * diagnosis that looks healthy would otherwise hide why {@code ssh host} fails at once. The network
 * probes still run (nothing depends on this one), so the report also says what lies beyond.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigProblemsProbe implements Probe {
    private final ResolvedConfig config;

    public ConfigProblemsProbe(ResolvedConfig config) {
        this.config = config;
    }

    /** Whether the resolved configuration has anything to report. */
    public static boolean applies(ResolvedConfig config) {
        return !config.problems().isEmpty();
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(ConfigFacts.STOP_REPORTED);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        List<Finding> findings = ConfigProblems.findings(config, true);
        ProbeResult.Builder result = ProbeResult.builder();
        findings.forEach(result::finding);
        long fatal = findings.stream().filter(f -> f.severity().needsAction()).count();
        result.fact(ConfigFacts.STOP_REPORTED, fatal > 0);
        return fatal == 0
                ? result.ok(findings.size() + " note(s) on the ssh_config")
                : result.failed("ssh would stop here: " + fatal + " problem(s) in the ssh_config");
    }
}
