package org.sshdoctor.fleet;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the findings a fleet scan makes across hosts. Each has a knowledge-base article (fleet.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetFindings {
    /** Several servers present the same host key: cloned images, or keys copied between machines. */
    public static final String SHARED_HOSTKEY = "SSH-FLEET-SHARED-HOSTKEY";
    /** Hosts whose keys differ from the client's known_hosts. */
    public static final String HOSTKEYS_CHANGED = "SSH-FLEET-HOSTKEYS-CHANGED";
    /** A server some client releases reach only with a legacy algorithm, or not at all by default. */
    public static final String LEGACY_NEEDED = "SSH-FLEET-LEGACY-NEEDED";

    public static final List<String> ALL = List.of(SHARED_HOSTKEY, HOSTKEYS_CHANGED, LEGACY_NEEDED);

    private FleetFindings() {}
}
