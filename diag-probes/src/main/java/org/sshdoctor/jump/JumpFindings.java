package org.sshdoctor.jump;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the jump-host findings. Each has a knowledge-base article (kb/jump.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JumpFindings {
    /** The report is for the first hop; the final target was not probed. */
    public static final String FIRST_HOP_ONLY = "SSH-JUMP-FIRST-HOP-ONLY";
    /** The target was diagnosed through the user's own ssh to the jump host (--via-jump). */
    public static final String VIA_JUMP = "SSH-JUMP-VIA-USER-SSH";
    /** The user's ssh to the jump host did not carry the connection (--via-jump). */
    public static final String TRANSPORT_FAILED = "SSH-JUMP-TRANSPORT-FAILED";

    public static final List<String> ALL = List.of(FIRST_HOP_ONLY, VIA_JUMP, TRANSPORT_FAILED);

    private JumpFindings() {}
}
