package org.sshdoctor.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS directly (dnsjava) why a name did not resolve: the system resolver's error says only
 * "Name or service not known" for both a name that does not exist and a name without address records.
 */
final class DnsClassifier {
    /** What DNS said about a name's address records. */
    enum Answer {
        /** The name has A or AAAA records (so the system resolver failed for another reason). */
        HAS_ADDRESSES,
        /** NXDOMAIN: the name does not exist. */
        NO_SUCH_NAME,
        /** The name exists but has no A or AAAA record (NODATA). */
        NO_ADDRESS_RECORDS,
        /** No server answered, or it answered SERVFAIL/REFUSED. */
        NO_ANSWER
    }

    private final Resolver resolver;

    private DnsClassifier(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Uses the system's configured name servers ({@code /etc/resolv.conf}). */
    static DnsClassifier system() {
        return new DnsClassifier(null);
    }

    /** Uses one name server, e.g. a test server on loopback. */
    static DnsClassifier using(InetSocketAddress server) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(2));
        return new DnsClassifier(resolver);
    }

    Answer classify(String host, Duration timeout) {
        // RFC 6761: names under .invalid never exist; no query is needed (or wanted) to say so.
        if (host.toLowerCase(Locale.ROOT).endsWith(".invalid") || host.equalsIgnoreCase("invalid")) {
            return Answer.NO_SUCH_NAME;
        }
        Answer v4 = query(host, Type.A, timeout);
        if (v4 == Answer.HAS_ADDRESSES || v4 == Answer.NO_SUCH_NAME) {
            return v4;
        }
        Answer v6 = query(host, Type.AAAA, timeout);
        if (v6 == Answer.HAS_ADDRESSES) {
            return v6;
        }
        return v4 == Answer.NO_ANSWER || v6 == Answer.NO_ANSWER ? Answer.NO_ANSWER : Answer.NO_ADDRESS_RECORDS;
    }

    private Answer query(String host, int type, Duration timeout) {
        try {
            // A dotted name is looked up as given (resolv.conf's default ndots:1); a short name gets the
            // search domains, as getaddrinfo would do.
            Name name = host.indexOf('.') >= 0 ? Name.fromString(host, Name.root) : Name.fromString(host);
            Lookup lookup = new Lookup(name, type);
            if (resolver != null) {
                lookup.setResolver(resolver);
            } else {
                Resolver system = new ExtendedResolver(); // the servers of /etc/resolv.conf
                system.setTimeout(timeout);
                lookup.setResolver(system);
            }
            lookup.setCache(null);
            lookup.run();
            return switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> Answer.HAS_ADDRESSES;
                case Lookup.HOST_NOT_FOUND -> Answer.NO_SUCH_NAME;
                case Lookup.TYPE_NOT_FOUND -> Answer.NO_ADDRESS_RECORDS;
                default -> Answer.NO_ANSWER;
            };
        } catch (TextParseException e) {
            return Answer.NO_SUCH_NAME;
        }
    }
}
