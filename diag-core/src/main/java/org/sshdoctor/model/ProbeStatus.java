package org.sshdoctor.model;

import org.apiguardian.api.API;

/** How a probe ended. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ProbeStatus {
    /** Ran to the end and produced its facts (its findings may still report problems). */
    OK,
    /** Ran, and the thing it checks did not work (e.g. TCP connect refused); later probes are skipped. */
    FAILED,
    /** Did not run because a prerequisite failed; the reason names it. */
    SKIPPED,
    /** Did not finish within its deadline. */
    TIMEOUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
