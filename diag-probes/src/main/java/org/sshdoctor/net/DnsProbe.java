package org.sshdoctor.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Resolves the target's host name as ssh does: through the system resolver (getaddrinfo, so
 * {@code /etc/hosts}, nsswitch and search domains count), all A and AAAA addresses in the order the
 * system gives them. When that fails, asks DNS directly to tell a name that does not exist from a
 * name without addresses and from a resolver that does not answer. Address literals skip DNS.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DnsProbe implements Probe {
    private static final System.Logger LOG = System.getLogger(DnsProbe.class.getName());
    /** Resolution slower than this delays every ssh connection noticeably. */
    static final Duration SLOW = Duration.ofSeconds(1);

    /** The system's name lookup; replaceable so tests can stand in for getaddrinfo's failures. */
    @FunctionalInterface
    interface SystemResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final SystemResolver system;
    private final DnsClassifier classifier;

    DnsProbe(SystemResolver system, DnsClassifier classifier) {
        this.system = system;
        this.classifier = classifier;
    }

    /** The probe as the real client resolves: getaddrinfo, then the system's DNS servers for details. */
    public static DnsProbe system() {
        return new DnsProbe(InetAddress::getAllByName, DnsClassifier.system());
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(NetFacts.ADDRESSES);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws Exception {
        Target target = context.target();
        String host = target.hostName();
        ProbeResult.Builder result = ProbeResult.builder();
        context.events().dnsStart(host);
        if (target.isAddressLiteral()) {
            InetAddress address = InetAddress.getByName(host); // a literal: parsed, no lookup
            context.events().dnsEnd(host, List.of(address));
            result.fact(NetFacts.ADDRESSES, new Addresses(List.of(address), "literal", 0));
            return result.ok(host + " is an address: no lookup needed");
        }
        long start = System.nanoTime();
        LOG.log(System.Logger.Level.DEBUG, "resolving {0} with the system resolver", host);
        try {
            InetAddress[] found = system.resolve(host);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Addresses addresses = new Addresses(Arrays.asList(found), "system resolver", millis);
            context.events().dnsEnd(host, addresses.addresses());
            result.fact(NetFacts.ADDRESSES, addresses);
            if (millis >= SLOW.toMillis()) {
                result.finding(slow(host, millis));
            }
            return result.ok(host + " → " + describe(addresses.addresses()));
        } catch (UnknownHostException e) {
            LOG.log(System.Logger.Level.DEBUG, "system resolver: {0}", e.getMessage());
            context.events().dnsFailed(host, systemReason(host, e));
            return notResolved(result, target, e, context.remaining());
        }
    }

    private ProbeResult notResolved(ProbeResult.Builder result, Target target, UnknownHostException e,
            Duration remaining) {
        String host = target.hostName();
        String reason = systemReason(host, e);
        boolean temporary = reason.contains("Temporary failure");
        DnsClassifier.Answer answer = temporary
                ? DnsClassifier.Answer.NO_ANSWER
                : classifier.classify(host, Duration.ofMillis(Math.max(500, Math.min(3000, remaining.toMillis() / 2))));
        String clientMessage = "ssh: Could not resolve hostname " + target.name() + ": " + reason;
        Finding.Builder finding = switch (answer) {
            case NO_SUCH_NAME -> Finding.of(NetFindings.DNS_NXDOMAIN, Severity.ERROR)
                    .title("The host name " + host + " does not exist")
                    .detail("DNS answered NXDOMAIN: no such name. Nothing about the SSH server can be checked"
                            + " until the name resolves.")
                    .fix("Check the spelling, and whether a Host alias in ~/.ssh/config should set HostName"
                            + " (Host patterns are case-sensitive):\n  ssh -G " + target.name()
                            + " | grep -i '^hostname'\n  getent hosts " + host);
            case NO_ADDRESS_RECORDS -> Finding.of(NetFindings.DNS_NO_ADDRESS, Severity.ERROR)
                    .title("The name " + host + " exists but has no address")
                    .detail("DNS knows the name but holds no A (IPv4) or AAAA (IPv6) record for it; it may"
                            + " only have MX, TXT or other records.")
                    .fix("Add an A or AAAA record for " + host + ", or connect to the name that has one:\n"
                            + "  dig +short A " + host + "\n  dig +short AAAA " + host);
            case NO_ANSWER -> Finding.of(NetFindings.DNS_TEMPORARY_FAILURE, Severity.ERROR)
                    .title("No DNS server answered for " + host)
                    .detail("The resolver could not be reached or did not answer in time, so the name could"
                            + " not be looked up at all. This is a problem of this machine's network or DNS"
                            + " settings, not of the SSH server.")
                    .fix("Check /etc/resolv.conf and the network; test with:\n  getent hosts " + host
                            + "\n  dig " + host + "\nOr connect by IP address meanwhile.");
            case HAS_ADDRESSES -> Finding.of(NetFindings.DNS_NO_ADDRESS, Severity.ERROR)
                    .title("The system resolver cannot find " + host + ", though DNS has addresses for it")
                    .detail("DNS itself answers with addresses, but getaddrinfo() failed: the name service"
                            + " configuration (/etc/nsswitch.conf, /etc/hosts, a search domain, a VPN's"
                            + " split DNS) differs from what DNS says.")
                    .fix("Compare 'getent hosts " + host + "' with 'dig " + host + "', and check"
                            + " /etc/nsswitch.conf and /etc/resolv.conf.");
        };
        result.finding(finding.clientMessage(clientMessage)
                .evidence("host", host)
                .evidence("resolver", reason)
                .evidence("dns", answer.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .build());
        return result.failed(host + ": " + describe(answer));
    }

    /** The text after the host in getaddrinfo's error, as ssh prints it (gai_strerror). */
    private static String systemReason(String host, UnknownHostException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String prefix = host + ": ";
        if (message.startsWith(prefix)) {
            return message.substring(prefix.length());
        }
        return message.isEmpty() || message.equals(host) ? "Name or service not known" : message;
    }

    private static String describe(DnsClassifier.Answer answer) {
        return switch (answer) {
            case NO_SUCH_NAME -> "no such name (NXDOMAIN)";
            case NO_ADDRESS_RECORDS -> "no A or AAAA record";
            case NO_ANSWER -> "no answer from the resolver";
            case HAS_ADDRESSES -> "not found by the system resolver";
        };
    }

    private static Finding slow(String host, long millis) {
        return Finding.of(NetFindings.DNS_SLOW, Severity.WARNING)
                .title("Resolving " + host + " took " + millis + " ms")
                .detail("Every ssh connection waits this long before it even connects. Common causes: a"
                        + " dead first nameserver in /etc/resolv.conf (each query waits for its timeout),"
                        + " IPv6 (AAAA) queries that time out, or a slow VPN resolver.")
                .evidence("millis", millis)
                .fix("Time it with 'getent hosts " + host + "'; remove dead nameservers from /etc/resolv.conf,"
                        + " or add the host to /etc/hosts.")
                .build();
    }

    static String describe(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }
}
