package org.sshdoctor.engine;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Limits for one diagnosis.
 *
 * @param phaseTimeout how long one phase (resolve, connect, banner, …) may take; ssh's
 *     ConnectTimeout plays the same role
 * @param overallTimeout how long the whole diagnosis may take; probes still running then are
 *     reported as timed out
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DiagnosisOptions(Duration phaseTimeout, Duration overallTimeout) {

    /** The default per-phase timeout, as in {@code --timeout}. */
    public static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(10);

    public DiagnosisOptions {
        Objects.requireNonNull(phaseTimeout, "phaseTimeout");
        Objects.requireNonNull(overallTimeout, "overallTimeout");
        if (phaseTimeout.isNegative() || phaseTimeout.isZero()) {
            throw new IllegalArgumentException("phaseTimeout must be positive, got " + phaseTimeout);
        }
        if (overallTimeout.compareTo(phaseTimeout) < 0) {
            throw new IllegalArgumentException("overallTimeout (" + overallTimeout
                    + ") must be at least phaseTimeout (" + phaseTimeout + ")");
        }
    }

    /** Options with the given per-phase timeout and an overall deadline of six phases. */
    public static DiagnosisOptions withPhaseTimeout(Duration phaseTimeout) {
        return new DiagnosisOptions(phaseTimeout, phaseTimeout.multipliedBy(6));
    }

    public static DiagnosisOptions defaults() {
        return withPhaseTimeout(DEFAULT_PHASE_TIMEOUT);
    }
}
