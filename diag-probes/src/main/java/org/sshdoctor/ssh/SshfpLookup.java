package org.sshdoctor.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SSHFPRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a DNS server for a name's SSHFP records with dnsjava, requesting the AD bit (RFC 6840 §5.7), the
 * way ssh's VerifyHostKeyDNS does through its resolver: a validating resolver sets AD when the answer
 * is DNSSEC-signed and verified, and only then does ssh trust the records without asking.
 */
final class SshfpLookup {
    /**
     * The answer.
     *
     * @param records the SSHFP records, empty when the name has none
     * @param authenticated the resolver set the AD bit
     * @param rcode the DNS response code name, e.g. NOERROR, NXDOMAIN, SERVFAIL
     */
    record Answer(List<SSHFPRecord> records, boolean authenticated, String rcode) {
        Answer {
            records = List.copyOf(records);
        }
    }

    private final Optional<InetSocketAddress> server;

    /** @param server the DNS server to ask; empty means the system's first name server */
    SshfpLookup(Optional<InetSocketAddress> server) {
        this.server = server;
    }

    Answer lookup(String host, Duration timeout) throws IOException {
        SimpleResolver resolver = server.isPresent() ? new SimpleResolver(server.get()) : systemResolver();
        resolver.setTimeout(timeout);
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(host.endsWith(".") ? host : host + "."),
                    Type.SSHFP, DClass.IN));
        } catch (TextParseException e) {
            throw new IOException("not a DNS name: " + host, e);
        }
        query.getHeader().setFlag(Flags.AD);
        Message response = resolver.send(query);
        List<SSHFPRecord> records = response.getSection(Section.ANSWER).stream()
                .filter(SSHFPRecord.class::isInstance).map(SSHFPRecord.class::cast).toList();
        return new Answer(records, response.getHeader().getFlag(Flags.AD), Rcode.string(response.getRcode()));
    }

    private static SimpleResolver systemResolver() throws UnknownHostException {
        return new SimpleResolver();
    }
}
