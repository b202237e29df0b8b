package org.sshdoctor.engine;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the findings the engine itself reports about probes. Each has a knowledge-base article. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EngineFindings {
    /** A probe threw: an sshdoctor bug. The CLI exits with 3. */
    public static final String PROBE_CRASHED = "SSHDOCTOR-PROBE-CRASHED";
    /** A probe did not finish within its deadline and gave no more specific finding. */
    public static final String PROBE_TIMEOUT = "SSHDOCTOR-PROBE-TIMEOUT";

    /** Every id above, for the catalogue test. */
    public static final List<String> ALL = List.of(PROBE_CRASHED, PROBE_TIMEOUT);

    private EngineFindings() {}
}
