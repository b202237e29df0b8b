package org.sshdoctor.engine;

import java.time.Duration;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One check of a diagnosis: it needs some facts, produces others, and reports findings.
 *
 * <p>Contract: {@link #run} is called at most once per diagnosis, on its own thread, only when every
 * fact in {@link #requires()} is available. It must finish by {@link ProbeContext#deadline()}: the
 * engine interrupts it and records a timeout after that. It publishes only facts it declared in
 * {@link #produces()}. An exception thrown from {@code run} becomes a "probe crashed" finding and the
 * other probes go on.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Probe {

    /** A short lower-case name, unique in a plan: {@code dns}, {@code tcp}, {@code banner}. */
    String name();

    /** Facts that must exist before this probe can run; none by default (it can start at once). */
    default Set<Fact<?>> requires() {
        return Set.of();
    }

    /** Facts this probe publishes when it succeeds; none by default (it only reports findings). */
    default Set<Fact<?>> produces() {
        return Set.of();
    }

    /** Runs the check. */
    ProbeResult run(ProbeContext context) throws Exception;

    /**
     * How long this probe may take. The default is the per-phase timeout; a probe that walks several
     * addresses or connections may ask for more.
     */
    default Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout();
    }
}
