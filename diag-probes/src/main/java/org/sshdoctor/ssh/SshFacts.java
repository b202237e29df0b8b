package org.sshdoctor.ssh;

import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;

/** Facts the SSH-level probes publish. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshFacts {
    /** The server's parsed identification line, from {@link BannerProbe}. */
    public static final Fact<ServerIdentification> IDENTIFICATION =
            Fact.of("server identification", ServerIdentification.class);

    private SshFacts() {}
}
