package org.sshdoctor.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * A validated set of probes: names unique, every required fact produced by exactly one probe of the
 * plan, no cycles. Probes are kept in a dependency order that otherwise follows the order given, and
 * the report lists them in that order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Plan {
    private final List<Probe> probes;
    private final Map<Fact<?>, Probe> producers;

    private Plan(List<Probe> probes, Map<Fact<?>, Probe> producers) {
        this.probes = probes;
        this.producers = producers;
    }

    /**
     * Builds a plan.
     *
     * @throws IllegalArgumentException naming the duplicate probe, the fact nobody produces, the fact
     *     produced twice, or the probes that form a cycle
     */
    public static Plan of(List<? extends Probe> probes) {
        Map<Fact<?>, Probe> producers = new IdentityHashMap<>();
        Set<String> names = new HashSet<>();
        for (Probe probe : probes) {
            if (!names.add(probe.name())) {
                throw new IllegalArgumentException("two probes are named " + probe.name());
            }
            for (Fact<?> fact : probe.produces()) {
                Probe other = producers.putIfAbsent(fact, probe);
                if (other != null) {
                    throw new IllegalArgumentException("fact " + fact + " is produced by both "
                            + other.name() + " and " + probe.name());
                }
            }
        }
        for (Probe probe : probes) {
            for (Fact<?> fact : probe.requires()) {
                if (!producers.containsKey(fact)) {
                    throw new IllegalArgumentException("probe " + probe.name() + " needs " + fact
                            + ", which no probe in the plan produces");
                }
            }
        }
        return new Plan(dependencyOrder(probes, producers), producers);
    }

    public static Plan of(Probe... probes) {
        return of(List.of(probes));
    }

    /** The probes in the order they are reported. */
    public List<Probe> probes() {
        return probes;
    }

    /** The probe that produces {@code fact}. */
    Probe producerOf(Fact<?> fact) {
        return producers.get(fact);
    }

    /** Runs the plan against {@code target}: see {@link PlanRunner}. */
    public Report run(Target target, DiagnosisOptions options, DiagnosisListener listener) {
        return new PlanRunner(this, target, options, listener).run();
    }

    private static List<Probe> dependencyOrder(List<? extends Probe> given, Map<Fact<?>, Probe> producers) {
        List<Probe> ordered = new ArrayList<>();
        Set<Probe> placed = new HashSet<>();
        while (ordered.size() < given.size()) {
            Probe next = null;
            for (Probe candidate : given) {
                if (!placed.contains(candidate) && candidate.requires().stream()
                        .allMatch(f -> placed.contains(producers.get(f)))) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                List<String> stuck = given.stream().filter(p -> !placed.contains(p)).map(Probe::name).toList();
                throw new IllegalArgumentException("probes depend on each other in a cycle: " + stuck);
            }
            ordered.add(next);
            placed.add(next);
        }
        return List.copyOf(ordered);
    }
}
