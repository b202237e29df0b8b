package org.sshdoctor.net;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the findings of the DNS and TCP probes. Each has a knowledge-base article. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NetFindings {
    public static final String DNS_NXDOMAIN = "SSH-DNS-NXDOMAIN";
    public static final String DNS_NO_ADDRESS = "SSH-DNS-NO-ADDRESS";
    public static final String DNS_TEMPORARY_FAILURE = "SSH-DNS-TEMPORARY-FAILURE";
    public static final String DNS_SLOW = "SSH-DNS-SLOW";
    public static final String TCP_REFUSED = "SSH-TCP-REFUSED";
    public static final String TCP_TIMEOUT = "SSH-TCP-TIMEOUT";
    public static final String TCP_NO_ROUTE = "SSH-TCP-NO-ROUTE";
    public static final String TCP_NETWORK_UNREACHABLE = "SSH-TCP-NETWORK-UNREACHABLE";
    public static final String TCP_CONNECT_FAILED = "SSH-TCP-CONNECT-FAILED";
    public static final String TCP_SOME_ADDRESSES_FAILED = "SSH-TCP-SOME-ADDRESSES-FAILED";

    public static final List<String> ALL = List.of(DNS_NXDOMAIN, DNS_NO_ADDRESS, DNS_TEMPORARY_FAILURE, DNS_SLOW,
            TCP_REFUSED, TCP_TIMEOUT, TCP_NO_ROUTE, TCP_NETWORK_UNREACHABLE, TCP_CONNECT_FAILED,
            TCP_SOME_ADDRESSES_FAILED);

    private NetFindings() {}
}
