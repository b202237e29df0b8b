package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the banner probe's findings. Each has a knowledge-base article. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BannerFindings {
    public static final String IDENTIFIED = "SSH-BANNER-IDENTIFIED";
    public static final String NOT_SSH = "SSH-BANNER-NOT-SSH";
    public static final String CLOSED = "SSH-BANNER-CLOSED";
    public static final String RESET = "SSH-BANNER-RESET";
    public static final String TIMEOUT = "SSH-BANNER-TIMEOUT";
    public static final String TARPIT = "SSH-BANNER-TARPIT";
    public static final String INVALID = "SSH-BANNER-INVALID";
    public static final String SSH1_ONLY = "SSH-BANNER-SSH1-ONLY";
    public static final String PRE_BANNER_TEXT = "SSH-BANNER-PRE-BANNER-TEXT";
    public static final String SLOW = "SSH-BANNER-SLOW";

    public static final List<String> ALL = List.of(IDENTIFIED, NOT_SSH, CLOSED, RESET, TIMEOUT, TARPIT, INVALID,
            SSH1_ONLY, PRE_BANNER_TEXT, SLOW);

    private BannerFindings() {}
}
