package org.sshdoctor.config;

import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;

/** What the ssh_config check tells the probes that run beside it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigFacts {
    /**
     * Whether the configuration check already reported a problem ssh stops on (an unknown keyword, a syntax
     * error, bad permissions), so that a probe seeing ssh refuse the same configuration does not say it again.
     */
    public static final Fact<Boolean> STOP_REPORTED = Fact.of("ssh_config stop reported", Boolean.class);

    private ConfigFacts() {}
}
