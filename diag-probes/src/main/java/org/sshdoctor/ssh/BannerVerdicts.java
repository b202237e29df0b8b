package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Turns what the banner exchange saw into findings: the causes that fit, the exact lines ssh prints,
 * and the fixes. One method per outcome.
 */
final class BannerVerdicts {
    private final Target target;
    private final InetSocketAddress remote;
    private final long phaseMillis;

    BannerVerdicts(Target target, InetSocketAddress remote, long phaseMillis) {
        this.target = target;
        this.remote = remote;
        this.phaseMillis = phaseMillis;
    }

    Finding identified(ServerIdentification id, long millis) {
        Software software = id.software();
        Finding.Builder finding = Finding.of(BannerFindings.IDENTIFIED, Severity.OK)
                .title("The server speaks SSH-" + id.protocolVersion() + ": "
                        + (software.isKnown() ? software.describe() : id.softwareVersion()))
                .detail("Identification line: " + id.line())
                .evidence("identification", id.line())
                .evidence("software", software.product())
                .evidence("family", software.family());
        if (!software.version().isEmpty()) {
            finding.evidence("version", software.version());
        }
        if (!software.platform().isEmpty()) {
            finding.evidence("platform", software.platform());
        }
        return finding.evidence("millis", millis).build();
    }

    Finding notSsh(String protocol, BannerExchange exchange, byte[] firstBytes) {
        String sshSays;
        if (exchange instanceof BannerExchange.Closed) {
            sshSays = closedMessage();
        } else if (exchange instanceof BannerExchange.Rejected rejected) {
            sshSays = "kex_exchange_identification: " + rejected.sshError();
        } else if (exchange instanceof BannerExchange.Failed failed) {
            sshSays = "kex_exchange_identification: read: " + failed.error();
        } else {
            sshSays = timedOutMessage();
        }
        String sample = printable(firstBytes);
        return Finding.of(BannerFindings.NOT_SSH, Severity.ERROR)
                .title("Port " + target.port() + " speaks " + protocol + ", not SSH")
                .detail("The service on " + endpoint() + " answered like " + article(protocol) + " " + protocol
                        + " server. Either the port is wrong, or something other than sshd took it (a web"
                        + " server, a mail server, a load balancer or port forward pointing at the wrong"
                        + " service).\nFirst bytes: " + sample)
                .evidence("protocol", protocol)
                .evidence("first bytes", sample)
                .evidence("first bytes (hex)", HexFormat.of().formatHex(firstBytes))
                .clientMessage(sshSays)
                .fix("Find the port sshd really listens on ('sudo ss -ltnp | grep sshd' on the server, or"
                        + " 'sshd -T | grep ^port') and connect with -p PORT, or set Port in ~/.ssh/config.")
                .build();
    }

    Finding closed(BannerExchange.Closed closed) {
        return Finding.of(BannerFindings.CLOSED, Severity.ERROR)
                .title("The server closed the connection before saying anything")
                .detail("TCP connected to " + endpoint() + ", then the server closed it after " + closed.millis()
                        + " ms without an SSH identification" + linesNote(closed.preBannerLines()) + ". sshd"
                        + " does this when it refuses the client before the protocol starts.")
                .evidence("millis", closed.millis())
                .evidence("bytes", closed.bytes())
                .clientMessage(closedMessage())
                .fix("Look at the server's log at the time of this test ('journalctl -u ssh' or"
                        + " /var/log/auth.log); it names which of these it is:\n"
                        + "  - TCP wrappers: 'refused connect from …' (Debian/Ubuntu sshd reads"
                        + " /etc/hosts.deny; fail2ban or denyhosts may have added this address)\n"
                        + "  - MaxStartups: 'drop connection #N … past MaxStartups' (too many"
                        + " unauthenticated connections at once; raise MaxStartups or find the flood)\n"
                        + "  - PerSourcePenalties (OpenSSH 9.8+): the address is penalised after failures\n"
                        + "  - sshd cannot start a session: 'Missing privilege separation directory: /run/sshd',"
                        + " unreadable host keys\n"
                        + "  - a load balancer or port forward with no healthy backend (nothing in the sshd log)")
                .build();
    }

    Finding failed(BannerExchange.Failed failed) {
        boolean reset = failed.error().toLowerCase(java.util.Locale.ROOT).contains("reset");
        return Finding.of(BannerFindings.RESET, Severity.ERROR)
                .title(reset ? "The server reset the connection before saying anything"
                        : "Reading the server's identification failed: " + failed.error())
                .detail("TCP connected to " + endpoint() + ", then the read failed after " + failed.millis()
                        + " ms with '" + failed.error() + "'. A reset at this point comes from sshd refusing"
                        + " the client (TCP wrappers, MaxStartups), from a firewall or IPS that cuts SSH, or"
                        + " from a proxy whose backend is down.")
                .evidence("error", failed.error())
                .evidence("millis", failed.millis())
                .clientMessage("kex_exchange_identification: read: " + failed.error()
                        + "\nConnection reset by " + endpoint())
                .fix("Check the server's log at the time of this test for 'refused connect' (hosts.deny)"
                        + " or 'past MaxStartups'; check firewalls and IPS rules between here and the server;"
                        + " try from another network to tell the two apart.")
                .build();
    }

    Finding timedOut(BannerExchange.TimedOut timedOut) {
        boolean drip = timedOut.bytes() > 0;
        return Finding.of(BannerFindings.TIMEOUT, Severity.ERROR)
                .title(drip ? "The server sent only " + timedOut.bytes() + " bytes in " + seconds(timedOut.millis())
                        + " and no identification"
                        : "The server accepted the connection but said nothing for " + seconds(timedOut.millis()))
                .detail(drip
                        ? "Data trickles in too slowly to finish the identification line in time: an overloaded"
                                + " server or link, or a deliberate slow-drip tarpit.\nReceived so far: "
                                + timedOut.partialLine()
                        : "An SSH server sends its identification line at once. Silence means sshd is stuck"
                                + " (an overloaded machine, MaxStartups queueing, a hung sshd), or the port"
                                + " belongs to a service that waits for the client to speak first (a database,"
                                + " a TLS service), or a firewall lets the connection through but not the data.")
                .evidence("bytes", timedOut.bytes())
                .evidence("millis", timedOut.millis())
                .clientMessage(timedOutMessage())
                .fix("Check that sshd answers locally on the server ('nc 127.0.0.1 " + target.port()
                        + "' should print SSH-2.0-…); check the server's load and its log; make sure port "
                        + target.port() + " is sshd's ('sudo ss -ltnp | grep :" + target.port() + "').")
                .build();
    }

    Finding tarpit(BannerExchange.TimedOut timedOut) {
        List<String> lines = BannerProbe.firstLines(timedOut.preBannerLines(), 3);
        return Finding.of(BannerFindings.TARPIT, Severity.ERROR)
                .title("The server sends endless text and never identifies itself: a tarpit")
                .detail("In " + seconds(timedOut.millis()) + " it sent " + timedOut.preBannerLines().size()
                        + " line(s) of text and no SSH identification. This is how an SSH tarpit such as"
                        + " endlessh holds scanners: ssh waits as long as lines keep coming. The real sshd is"
                        + " probably on another port.\nFirst lines: " + String.join(" | ", lines))
                .evidence("lines", timedOut.preBannerLines().size())
                .evidence("millis", timedOut.millis())
                // Checked against endlessh: ssh's banner timer counts down across lines, but once it reaches zero
                // just as a line arrives ssh reads on without any timeout.
                .clientMessage("Connection timed out during banner exchange\n(or nothing at all: with ConnectTimeout longer"
                        + " than the pause between lines, here about " + seconds(timedOut.millis()
                                / Math.max(1, timedOut.preBannerLines().size())) + ", ssh may wait as long as lines keep coming)")
                .fix("Connect to the port the real sshd listens on (ask the admin, or 'sudo ss -ltnp' on the"
                        + " server) with -p PORT, or set Port for this host in ~/.ssh/config.")
                .build();
    }

    Finding rejected(BannerExchange.Rejected rejected) {
        return Finding.of(BannerFindings.INVALID, Severity.ERROR)
                .title("The server's greeting breaks the SSH rules: " + rejected.sshError())
                .detail("ssh gives up on this: " + rejected.sshError() + ". Offending line (start): "
                        + abbreviate(rejected.offendingLine(), 120) + ". The port probably speaks another"
                        + " (binary) protocol, or a proxy injects data before sshd's greeting.")
                .evidence("error", rejected.sshError())
                .evidence("line", abbreviate(rejected.offendingLine(), 200))
                .clientMessage("kex_exchange_identification: " + rejected.sshError())
                .fix("Check what listens on port " + target.port() + " ('nc " + target.hostName() + " "
                        + target.port() + "' should print SSH-2.0-…), and connect to sshd's real port.")
                .build();
    }

    Finding malformed(BannerExchange.Identified identified) {
        return Finding.of(BannerFindings.INVALID, Severity.ERROR)
                .title("The server's identification line is malformed")
                .detail("'" + abbreviate(identified.line(), 200) + "' does not have the form"
                        + " SSH-<version>-<software>; ssh refuses it.")
                .evidence("line", abbreviate(identified.line(), 200))
                .clientMessage("Bad remote protocol version identification: '" + abbreviate(identified.line(), 200) + "'")
                .fix("Upgrade or fix the server software, or remove what mangles its greeting (a proxy or"
                        + " wrapper script).")
                .build();
    }

    Finding ssh1(ServerIdentification id) {
        return Finding.of(BannerFindings.SSH1_ONLY, Severity.ERROR)
                .title("The server speaks only the obsolete SSH-1 protocol")
                .detail("It announces " + id.line() + ". SSH-1 is broken and OpenSSH removed it in 7.6"
                        + " (2017), so no current client can connect.")
                .evidence("identification", id.line())
                .clientMessage("Protocol major versions differ: 2 vs. 1")
                .fix("Enable SSH-2 on the device or replace it. Meanwhile, only an old client (OpenSSH < 7.6"
                        + " built with SSH-1) in an isolated environment can reach it.")
                .build();
    }

    Finding preBannerText(ServerIdentification id) {
        List<String> lines = BannerProbe.firstLines(id.preBannerLines(), 3);
        return Finding.of(BannerFindings.PRE_BANNER_TEXT, Severity.INFO)
                .title("The server sends " + id.preBannerLines().size() + " line(s) of text before its identification")
                .detail("RFC 4253 allows this and OpenSSH's client ignores such lines, but some clients and"
                        + " libraries reject them (Apache MINA SSHD rejects lines over 256 bytes). First"
                        + " lines: " + String.join(" | ", lines))
                .evidence("lines", id.preBannerLines().size())
                .fix("If a client fails on it, find what prints the text (a wrapper around sshd, a proxy);"
                        + " sshd's own Banner option is sent later, during authentication, and is not this.")
                .build();
    }

    Finding slow(long millis) {
        return Finding.of(BannerFindings.SLOW, Severity.WARNING)
                .title("The server took " + seconds(millis) + " to send its identification")
                .detail("sshd normally greets at once. A slow greeting means the server is overloaded, sshd is"
                        + " queueing connections (MaxStartups), or something in front of it is slow.")
                .evidence("millis", millis)
                .fix("Check the server's load and its log for 'MaxStartups throttling'.")
                .build();
    }

    private String closedMessage() {
        return "kex_exchange_identification: Connection closed by remote host\nConnection closed by " + endpoint();
    }

    private String timedOutMessage() {
        return "Connection timed out during banner exchange\nConnection to " + endpoint() + " timed out"
                + "\n(with ConnectTimeout set; without it, ssh waits indefinitely)";
    }

    private String endpoint() {
        return BannerProbe.endpoint(remote);
    }

    private static String seconds(long millis) {
        return BannerProbe.seconds(millis);
    }

    private static String linesNote(List<String> lines) {
        return lines.isEmpty() ? "" : " (after " + lines.size() + " line(s) of other text)";
    }

    private static String article(String protocol) {
        return "AEIOU".indexOf(Character.toUpperCase(protocol.charAt(0))) >= 0
                || protocol.startsWith("HTTP") || protocol.startsWith("SMTP") || protocol.startsWith("FTP")
                ? "an" : "a";
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** The first bytes as text where printable, escapes elsewhere; at most 64 bytes. */
    static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c >= 0x7F) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
