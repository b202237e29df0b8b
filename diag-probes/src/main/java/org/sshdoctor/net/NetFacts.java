package org.sshdoctor.net;

import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;

/** Facts the network probes publish. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NetFacts {
    /** The target's addresses, from {@link DnsProbe}. */
    public static final Fact<Addresses> ADDRESSES = Fact.of("addresses", Addresses.class);
    /** An open TCP connection to the first address that accepted, from {@link TcpProbe}. */
    public static final Fact<OpenConnection> CONNECTION = Fact.of("connection", OpenConnection.class);

    private NetFacts() {}
}
