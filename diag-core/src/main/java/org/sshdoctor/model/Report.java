package org.sshdoctor.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The result of one diagnosis: plain data, rendered by the text and JSON renderers.
 *
 * @param target what was diagnosed
 * @param started when the diagnosis began
 * @param probes every probe of the plan, in plan order, with its status and duration
 * @param findings every finding, in plan order (deterministic even though probes run concurrently)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Report(Target target, Instant started, List<ProbeRun> probes, List<Finding> findings) {
    public Report {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(started, "started");
        probes = List.copyOf(probes);
        findings = List.copyOf(findings);
    }

    /** The highest severity among the findings, if there is any finding. */
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /** True when a finding is at warning or error level: the CLI then exits with 1. */
    public boolean needsAction() {
        return findings.stream().anyMatch(f -> f.severity().needsAction());
    }

    /** The findings with the given id, in report order. */
    public List<Finding> findings(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).toList();
    }

    /** The run of the named probe, if the plan had it. */
    public Optional<ProbeRun> probe(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** How many findings have the given severity. */
    public long countAt(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
