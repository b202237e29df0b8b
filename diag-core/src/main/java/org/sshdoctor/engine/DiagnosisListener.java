package org.sshdoctor.engine;

import org.apiguardian.api.API;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * Observes a diagnosis as it happens, e.g. to show progress or export timings.
 *
 * <p>Order contract: {@code diagnosisStart} first and {@code diagnosisEnd} last. Every
 * {@code probeStart} is followed by exactly one {@code probeEnd} for that probe; a skipped probe gets
 * only {@code probeEnd} (with status SKIPPED), never {@code probeStart}. Probes run concurrently, so
 * events of different probes interleave. Methods are called on engine threads, must be fast and must
 * not throw (an exception is caught and ignored); the report never depends on a listener.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DiagnosisListener {

    /** A listener that does nothing. */
    DiagnosisListener NONE = new DiagnosisListener() {};

    default void diagnosisStart(Target target) {}

    default void probeStart(Target target, String probe) {}

    default void probeEnd(Target target, ProbeRun run) {}

    default void diagnosisEnd(Report report) {}
}
