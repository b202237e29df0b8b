package org.sshdoctor.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.net.OpenConnection;

/**
 * Exchanges identification lines on the TCP probe's connection, as the ssh client does: sends ours,
 * then reads the server's with our own tolerant reader (MINA rejects lines OpenSSH accepts). Reports
 * the server software, or what the port speaks instead, or how the server ended the exchange.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BannerProbe implements Probe {
    private static final System.Logger LOG = System.getLogger(BannerProbe.class.getName());
    /**
     * What we announce; servers log it, so admins can tell our probes apart. The same line as MINA's,
     * since the main SSH session goes on over this connection and its key exchange hashes the line sent.
     */
    static final String CLIENT_IDENTIFICATION = "SSH-2.0-" + ProbeSshClient.SOFTWARE_VERSION;
    /** A banner slower than this delays every login noticeably. */
    private static final long SLOW_MILLIS = 2000;

    @Override
    public String name() {
        return "banner";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(SshFacts.IDENTIFICATION, IdentifiedConnection.FACT);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        OpenConnection connection = context.fact(NetFacts.CONNECTION);
        ProbeResult.Builder result = ProbeResult.builder();
        BannerVerdicts verdicts = new BannerVerdicts(context.target(), connection.remote(),
                context.options().phaseTimeout().toMillis());
        try {
            OutputStream out = connection.socket().getOutputStream();
            out.write((CLIENT_IDENTIFICATION + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The peer may already have closed or reset; reading tells which, so go on.
        }
        Socket socket = connection.socket();
        BannerReader.Result read = new BannerReader(socket, context.deadline()).read();
        // Refused at once: MaxStartups or PerSourcePenalties throttling lets a retry through (BannerRetry).
        Optional<ThrottledBanner> throttled = ThrottledBanner.check(read, connection.remote(), context);
        if (throttled.isPresent()) {
            result.finding(throttled.get().finding());
            if (throttled.get().retried().isEmpty()) {
                return result.failed("the server refused " + (BannerRetry.RETRIES + 1) + " connections in a row: throttling");
            }
            BannerRetry.Greeted greeted = throttled.get().retried().get();
            context.closeAtEnd(greeted.socket());
            socket = greeted.socket(); // the session goes on over the connection the server greeted
            read = greeted.result();
        }
        BannerExchange exchange = read.exchange();
        LOG.log(System.Logger.Level.DEBUG, "banner exchange: {0} after {1} bytes, {2} ms; first bytes: {3}",
                exchange.getClass().getSimpleName(), String.valueOf(exchange.bytes()), String.valueOf(exchange.millis()),
                BannerVerdicts.printable(read.firstBytes()));
        Optional<String> foreign = read.foreignProtocol();
        if (foreign.isPresent() && !(exchange instanceof BannerExchange.Identified)) {
            result.finding(verdicts.notSsh(foreign.get(), exchange, read.firstBytes()));
            return result.failed("the port speaks " + foreign.get() + ", not SSH");
        }
        // Java 17 has no pattern switch; the chain below covers every permitted subtype.
        if (exchange instanceof BannerExchange.Identified identified) {
            context.events().bannerReceived(identified.line());
            return identified(result, verdicts, identified, new IdentifiedConnection(socket,
                    connection.remote(), CLIENT_IDENTIFICATION, read.identificationBytes(), read.pending()));
        }
        if (exchange instanceof BannerExchange.Closed closed) {
            return result.finding(verdicts.closed(closed)).failed("closed by the server before its identification");
        }
        if (exchange instanceof BannerExchange.Failed failed) {
            return result.finding(verdicts.failed(failed))
                    .failed(failed.error().toLowerCase(java.util.Locale.ROOT) + " before the identification");
        }
        if (exchange instanceof BannerExchange.Rejected rejected) {
            return result.finding(verdicts.rejected(rejected)).failed(rejected.sshError());
        }
        BannerExchange.TimedOut timedOut = (BannerExchange.TimedOut) exchange;
        if (!timedOut.preBannerLines().isEmpty()) {
            return result.finding(verdicts.tarpit(timedOut)).failed(timedOut.preBannerLines().size()
                    + " text line(s) and no identification in " + seconds(timedOut.millis()));
        }
        return result.finding(verdicts.timedOut(timedOut)).failed(timedOut.bytes() == 0
                ? "no identification within " + seconds(timedOut.millis())
                : "only " + timedOut.bytes() + " bytes in " + seconds(timedOut.millis()));
    }

    private static ProbeResult identified(ProbeResult.Builder result, BannerVerdicts verdicts,
            BannerExchange.Identified identified, IdentifiedConnection handover) {
        Optional<ServerIdentification> parsed = ServerIdentification.parse(identified.line(), identified.preBannerLines());
        if (parsed.isEmpty()) {
            return result.finding(verdicts.malformed(identified)).failed("malformed identification line");
        }
        ServerIdentification id = parsed.get();
        if (!id.speaksSsh2()) {
            return result.finding(verdicts.ssh1(id)).failed("SSH-" + id.protocolVersion() + " only");
        }
        result.fact(SshFacts.IDENTIFICATION, id);
        // The main SSH session goes on over this connection: one TCP connection fewer for the server.
        result.fact(IdentifiedConnection.FACT, handover);
        result.finding(verdicts.identified(id, identified.millis()));
        if (!id.preBannerLines().isEmpty()) {
            result.finding(verdicts.preBannerText(id));
        }
        if (identified.millis() >= SLOW_MILLIS) {
            result.finding(verdicts.slow(identified.millis()));
        }
        return result.ok(id.line() + (id.software().isKnown() ? "  (" + id.software().describe() + ")" : ""));
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String endpoint(InetSocketAddress remote) {
        String host = remote.getAddress().getHostAddress();
        return host + " port " + remote.getPort();
    }

    static List<String> firstLines(List<String> lines, int n) {
        return lines.size() <= n ? lines : lines.subList(0, n);
    }
}
