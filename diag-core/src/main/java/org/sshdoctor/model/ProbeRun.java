package org.sshdoctor.model;

import static org.sshdoctor.model.Checks.checkNotBlank;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What happened to one probe in a diagnosis.
 *
 * @param name the probe's name ({@code dns}, {@code tcp}, {@code banner} …)
 * @param status how it ended
 * @param millis wall time spent, 0 when skipped
 * @param summary one short line: the result when OK ("OpenSSH_9.2p1, 3 host keys"), the reason
 *     otherwise ("no TCP connection: every address refused"); may be empty
 * @param startMillis when the probe started, in milliseconds since the diagnosis began (0 when skipped):
 *     with {@code millis}, the timeline of the run
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProbeRun(String name, ProbeStatus status, long millis, String summary, long startMillis) {

    /** A run without timeline position, e.g. for tests and probes outside a diagnosis. */
    public ProbeRun(String name, ProbeStatus status, long millis, String summary) {
        this(name, status, millis, summary, 0);
    }

    public ProbeRun {
        checkNotBlank(name, "name");
        Objects.requireNonNull(status, "status");
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0, got " + millis);
        }
        Objects.requireNonNull(summary, "summary");
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be >= 0, got " + startMillis);
        }
    }
}
