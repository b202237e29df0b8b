package org.sshdoctor.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.kb.Article;
import org.sshdoctor.kb.KnowledgeBase;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.ssh.PeerFindings;

/**
 * What a fleet scan found, across hosts: how many hosts are fine, have problems or cannot be reached,
 * and which findings are most common. Thread-safe: reports may be added from several threads.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetSummary {
    /** How one host came out. */
    public enum Outcome {
        /** Nothing at warning or error level. */
        OK,
        /** Reached, with warnings or errors. */
        PROBLEMS,
        /** Name, connection or greeting failed: nothing past it could be checked. */
        UNREACHABLE,
        /**
         * The server refused some of the scan's connections (MaxStartups, PerSourcePenalties): busy, not
         * broken. Either that stopped the diagnosis, or a retry got through and nothing else was wrong.
         */
        THROTTLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One finding id and the hosts it was found on. */
    public record Common(String id, String title, Set<String> hosts) {}

    private static final List<String> REACHABILITY = List.of("dns", "tcp", "banner");

    private final Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
    private final Map<String, Common> byId = new LinkedHashMap<>();

    public FleetSummary() {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0);
        }
    }

    /** Classifies one report. */
    public static Outcome outcomeOf(Report report) {
        List<Finding> throttled = report.findings(PeerFindings.THROTTLED);
        // Throttled when that stopped the diagnosis, or is all it found; a complete diagnosis with other
        // problems counts as problems (the throttling warning is among them).
        boolean incomplete = throttled.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        boolean onlyThrottled = report.findings().stream()
                .allMatch(f -> !f.severity().needsAction() || f.id().equals(PeerFindings.THROTTLED));
        if (!throttled.isEmpty() && (incomplete || onlyThrottled)) {
            return Outcome.THROTTLED;
        }
        boolean unreachable = report.probes().stream()
                .anyMatch(p -> REACHABILITY.contains(p.name()) && p.status() != ProbeStatus.OK);
        if (unreachable) {
            return Outcome.UNREACHABLE;
        }
        return report.needsAction() ? Outcome.PROBLEMS : Outcome.OK;
    }

    public synchronized void add(Report report) {
        outcomes.merge(outcomeOf(report), 1, Integer::sum);
        String host = report.target().endpoint();
        for (Finding finding : report.findings()) {
            if (finding.severity().needsAction()) {
                byId.computeIfAbsent(finding.id(), id -> new Common(id, generalTitle(finding), new LinkedHashSet<>()))
                        .hosts().add(host);
            }
        }
    }

    /** The article's title, which fits every host; a finding's own title names one host's values. */
    private static String generalTitle(Finding finding) {
        return KnowledgeBase.builtIn().article(finding.id()).map(Article::title).orElse(finding.title());
    }

    public synchronized Map<Outcome, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    public synchronized int count(Outcome outcome) {
        return outcomes.get(outcome);
    }

    /** Finding ids by the number of hosts they were found on, most common first. */
    public synchronized List<Common> mostCommon(int limit) {
        List<Common> list = new ArrayList<>();
        for (Common common : byId.values()) {
            list.add(new Common(common.id(), common.title(), Set.copyOf(common.hosts())));
        }
        list.sort(Comparator.comparingInt((Common c) -> c.hosts().size()).reversed().thenComparing(Common::id));
        return list.subList(0, Math.min(limit, list.size()));
    }
}
