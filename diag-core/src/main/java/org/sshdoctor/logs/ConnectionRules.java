package org.sshdoctor.logs;

import static org.sshdoctor.logs.Rules.address;
import static org.sshdoctor.logs.Rules.optional;
import static org.sshdoctor.logs.Rules.optionalAddress;
import static org.sshdoctor.logs.Rules.port;
import static org.sshdoctor.logs.Rules.text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.sshdoctor.logs.LogEvent.BannerProblem;
import org.sshdoctor.logs.LogEvent.ClientVersion;
import org.sshdoctor.logs.LogEvent.Connected;
import org.sshdoctor.logs.LogEvent.Disconnected;
import org.sshdoctor.logs.LogEvent.Disconnected.Ending;
import org.sshdoctor.logs.LogEvent.Disconnected.UserState;
import org.sshdoctor.logs.LogEvent.KeepaliveLost;
import org.sshdoctor.logs.LogEvent.NegotiationFailed;
import org.sshdoctor.logs.LogEvent.Notice;
import org.sshdoctor.logs.LogEvent.PreauthTimeout;

/** Connection-level messages: connects, disconnects, key exchange, banners, timeouts, drops. */
final class ConnectionRules {
    private static final String USER_FORM = "(authenticating user|invalid user|user) (.*) (\\S+) port (\\d+)";

    private ConnectionRules() {}

    static void register(Rules r) {
        r.add("Connection", "Connection from (\\S+?)(?: port (\\d+))?(?: on (\\S+) port (\\d+))?(?: rdomain .*)?", (c, m) ->
                new Connected(c.line(), address(m, 1), port(m, 2), text(m, 3), port(m, 4)));
        ending(r, "Connection", "Connection closed by", Ending.CLOSED);
        ending(r, "Connection", "Connection reset by", Ending.RESET);
        ending(r, "Disconnected", "Disconnected from", Ending.DISCONNECTED);
        r.add("Received", "Received disconnect from (\\S+?)(?: port (\\d+))?: ?(\\d+): ?(.*)", (c, m) ->
                new Disconnected(c.line(), Ending.RECEIVED_DISCONNECT, Optional.empty(), UserState.NONE, optionalAddress(m, 1),
                        port(m, 2), c.preauth(), text(m, 4).strip()));
        r.add("Disconnecting", "Disconnecting " + USER_FORM + ": (.*)", (c, m) ->
                new Disconnected(c.line(), Ending.DISCONNECTING, Optional.of(text(m, 2)), state(m.group(1)), optionalAddress(m, 3),
                        port(m, 4), c.preauth(), text(m, 5)));
        r.add("Disconnecting", "Disconnecting (\\S+) port (\\d+): (.*)", (c, m) ->
                new Disconnected(c.line(), Ending.DISCONNECTING, Optional.empty(), UserState.NONE, optionalAddress(m, 1),
                        port(m, 2), c.preauth(), text(m, 3)));
        r.add("Closing", "Closing connection to (\\S+?)(?: port (\\d+))?", (c, m) -> new Disconnected(c.line(), Ending.CLOSED,
                Optional.empty(), UserState.NONE, optionalAddress(m, 1), port(m, 2), c.preauth(), ""));
        r.add("Disconnecting:", "Disconnecting: (.*)", (c, m) -> new Notice(c.line(), "protocol-error", Optional.empty(), Optional.empty()));
        negotiation(r);
        banner(r);
        drops(r);
    }

    private static void ending(Rules r, String word, String prefix, Ending ending) {
        r.add(word, prefix + " " + USER_FORM, (c, m) -> new Disconnected(c.line(), ending, Optional.of(text(m, 2)),
                state(m.group(1)), optionalAddress(m, 3), port(m, 4), c.preauth(), ""));
        r.add(word, prefix + " (\\S+?)(?: port (\\d+))?", (c, m) -> new Disconnected(c.line(), ending, Optional.empty(),
                UserState.NONE, optionalAddress(m, 1), port(m, 2), c.preauth(), ""));
    }

    private static UserState state(String form) {
        return switch (form) {
            case "authenticating user" -> UserState.AUTHENTICATING;
            case "invalid user" -> UserState.INVALID;
            default -> UserState.AUTHENTICATED;
        };
    }

    private static void negotiation(Rules r) {
        r.add("Unable", "Unable to negotiate with (\\S+?)(?: port (\\d+))?: no matching (.+?) found\\.? ?(?:Their offer: (.*))?", (c, m) ->
                new NegotiationFailed(c.line(), optionalAddress(m, 1), port(m, 2), text(m, 3), list(m, 4)));
        r.add("Unable", "Unable to negotiate a (.*)", (c, m) ->
                new NegotiationFailed(c.line(), Optional.empty(), 0, text(m, 1).replace(" method", ""), List.of()));
        r.add("no", "no matching (\\S+) found: client (\\S+) server (\\S+)", (c, m) ->
                new NegotiationFailed(c.line(), Optional.empty(), 0, text(m, 1), list(m, 2)));
        r.add("userauth_pubkey:", "userauth_pubkey: (?:certificate )?signature algorithm (\\S+)(?: not in PubkeyAcceptedAlgorithms| ?:.*)",
                (c, m) -> new NegotiationFailed(c.line(), Optional.empty(), 0, "public key signature algorithm", list(m, 1)));
        r.add("userauth_pubkey:", "userauth_pubkey: key type (\\S+) not in (?:PubkeyAcceptedAlgorithms|PubkeyAcceptedKeyTypes)", (c, m) ->
                new NegotiationFailed(c.line(), Optional.empty(), 0, "public key signature algorithm", list(m, 1)));
        r.add("userauth_pubkey:", "userauth_pubkey: .*", (c, m) -> notice(c, "pubkey-refused"));
        r.add("refusing", "refusing (.*)", (c, m) -> notice(c, "pubkey-refused"));
    }

    private static void banner(Rules r) {
        r.add("Did", "Did not receive identification string(?: from (\\S+?)(?: port (\\d+))?)?", (c, m) ->
                new BannerProblem(c.line(), optionalAddress(m, 1), port(m, 2), "no identification string", Optional.empty()));
        r.add("Bad", "Bad protocol version identification (?:'(.*)'|(.*?))(?: from (\\S+?)(?: port (\\d+))?)?", (c, m) ->
                new BannerProblem(c.line(), optionalAddress(m, 3), port(m, 4), "bad protocol version identification",
                        optional(m, 1).or(() -> optional(m, 2))));
        r.add("kex_exchange_identification:", "kex_exchange_identification: (?:client sent invalid protocol identifier \"(.*)\"|(.*))",
                (c, m) -> new BannerProblem(c.line(), Optional.empty(), 0, m.group(1) != null ? "invalid protocol identifier" : text(m, 2),
                        optional(m, 1)));
        r.add("banner", "banner exchange: Connection from (\\S+?)(?: port (\\d+))?: (.*)", (c, m) ->
                new BannerProblem(c.line(), optionalAddress(m, 1), port(m, 2), text(m, 3), Optional.empty()));
        r.add("Protocol", "Protocol major versions differ(?: for (\\S+?)(?: port (\\d+))?)?: (.*)", (c, m) ->
                new BannerProblem(c.line(), optionalAddress(m, 1), port(m, 2), "protocol major versions differ: " + text(m, 3), Optional.empty()));
        r.add("probed", "probed from (\\S+?)(?: port (\\d+))? with (.*?)\\.?\\s+Don't panic\\.", (c, m) ->
                new ClientVersion(c.line(), optionalAddress(m, 1), port(m, 2), text(m, 3)));
        r.add("Client", "Client protocol version [\\d.]+; client software version (.*)", (c, m) ->
                new ClientVersion(c.line(), Optional.empty(), 0, text(m, 1)));
        r.add("Remote", "Remote protocol version [\\d.]+, remote software version (.*)", (c, m) ->
                new ClientVersion(c.line(), Optional.empty(), 0, text(m, 1)));
        r.add("SSH:", "SSH: Server;Ltype: Version;Remote: (\\S+?)-(\\d+);Protocol: [\\d.]+;Client: (.*)", (c, m) ->
                new ClientVersion(c.line(), optionalAddress(m, 1), port(m, 2), text(m, 3)));
        r.add("SSH:", "SSH: Server;Ltype: .*", (c, m) -> notice(c, "connection-info"));
        r.add("Magic", "Magic value check failed \\(\\d+\\) on obfuscated handshake from (\\S+?)(?: port (\\d+))?", (c, m) ->
                new BannerProblem(c.line(), optionalAddress(m, 1), port(m, 2), "obfuscated handshake magic value check failed", Optional.empty()));
    }

    private static void drops(Rules r) {
        r.add("Timeout", "Timeout before authentication for (?:connection from )?(\\S+?)(?: port (\\d+))?(?: to \\S+, pid = \\d+)?", (c, m) ->
                new PreauthTimeout(c.line(), optionalAddress(m, 1), port(m, 2)));
        r.add("drop", "drop connection #\\d+ from \\[(.*)\\]:(\\d+) on \\[.*\\]:\\d+ penalty: exceeded LoginGraceTime", (c, m) ->
                new PreauthTimeout(c.line(), optionalAddress(m, 1), port(m, 2)));
        r.add("drop", "drop connection #\\d+ from \\[(.*)\\]:(\\d+) on \\S+ penalty: .*", (c, m) ->
                new Notice(c.line(), "penalty-drop", Optional.empty(), optionalAddress(m, 1))); // PerSourcePenalties (9.8+)
        r.add("drop", "drop connection #\\d+ from \\[(.*)\\]:(\\d+) on .*", (c, m) ->
                new Notice(c.line(), "maxstartups-drop", Optional.empty(), optionalAddress(m, 1)));
        r.add("srclimit_penalise:", "srclimit_penalise: .*", (c, m) -> notice(c, "penalty"));
        r.add("beginning", "beginning MaxStartups throttling", (c, m) -> notice(c, "maxstartups-throttling"));
        r.add("exited", "exited MaxStartups throttling.*", (c, m) -> notice(c, "maxstartups-throttling"));
        r.add("Timeout,", "Timeout, client not responding(?: from (?:user (.*) )?(\\S+?)(?: port (\\d+))?)?\\.?", (c, m) ->
                new KeepaliveLost(c.line(), optional(m, 1), optionalAddress(m, 2), port(m, 3), "client not responding (ClientAlive)"));
        r.add("Read", "Read error from remote host (\\S+?)(?: port (\\d+))?: (.*)", (c, m) ->
                new KeepaliveLost(c.line(), Optional.empty(), optionalAddress(m, 1), port(m, 2), text(m, 3)));
        r.add("Read", "Read from socket failed: (.*)", (c, m) -> notice(c, "protocol-error"));
        for (String word : new String[] {"packet_write_poll:", "packet_write_wait:", "ssh_dispatch_run_fatal:", "ssh_packet_send_debug:",
                "send_error:", "sshpkt_fatal:", "ssh_packet_read_poll_seqnr:", "do_channels:", "server_loop2:", "ssh_dispatch_run:",
                "process_output:", "sshd_exchange_identification:", "Write"}) {
            r.add(word, "\\S+: (?:\\S+: )?Connection (?:from|to) (?:(?:authenticating |invalid )?user (.*) )?(\\S+?) port (\\d+): (.*)",
                    (c, m) -> fatal(c, m));
            r.add(word, ".*", (c, m) -> notice(c, "protocol-error"));
        }
        r.add("Corrupted", "Corrupted MAC on input\\.?", (c, m) -> notice(c, "protocol-error"));
        r.add("Bad", "Bad packet length \\d+\\.?", (c, m) -> notice(c, "protocol-error"));
        r.add("reverse", "reverse mapping checking getaddrinfo for (\\S+)(?: \\[(\\S+)\\])? failed.*", (c, m) ->
                new Notice(c.line(), "reverse-dns-mismatch", Optional.empty(), optionalAddress(m, 2)));
        r.add("Address", "Address (\\S+) maps to (\\S+), but this does not map back to the address.*", (c, m) ->
                new Notice(c.line(), "reverse-dns-mismatch", Optional.empty(), optionalAddress(m, 1)));
        r.add("Nasty", "Nasty PTR record \"(.*)\" is set up for (\\S+), ignoring", (c, m) ->
                new Notice(c.line(), "reverse-dns-mismatch", Optional.empty(), optionalAddress(m, 2)));
        r.add("refused", "refused connect from (?:.*@)?(\\S+) \\((\\S+)\\)", (c, m) ->
                new Notice(c.line(), "tcp-wrappers-refused", Optional.empty(), optionalAddress(m, 2)));
        r.add("refused", "refused (?:local|remote) port forward.*", (c, m) -> notice(c, "forwarding-refused"));
        r.add("connect_to", "connect_to .*", (c, m) -> notice(c, "forwarding-failed"));
        r.add("channel_setup_fwd_listener_tcpip:", ".*", (c, m) -> notice(c, "forwarding-failed"));
        r.add("bind", "bind \\[?\\S+\\]?:\\d+: .*", (c, m) -> notice(c, "forwarding-failed"));
        for (String word : new String[] {"kex_protocol_error:", "mm_request_receive:", "mm_request_receive_expect:",
                "monitor_read:", "ssh_packet_read_seqnr:"}) {
            r.add(word, ".*", (c, m) -> notice(c, "protocol-error"));
        }
    }

    /** "func: Connection from [user U] A port P: reason": dropped clients after login, protocol errors before. */
    private static LogEvent fatal(Rules.Context c, Matcher m) {
        String reason = text(m, 4);
        if (!c.preauth() && (reason.contains("Broken pipe") || reason.contains("Host is down") || reason.contains("reset by peer")
                || reason.contains("timed out") || reason.contains("No route to host"))) {
            return new KeepaliveLost(c.line(), optional(m, 1), optionalAddress(m, 2), port(m, 3), reason);
        }
        return new Notice(c.line(), "protocol-error", optional(m, 1), optionalAddress(m, 2));
    }

    private static List<String> list(Matcher m, int group) {
        String value = m.group(group);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split(",")).filter(s -> !s.isEmpty()).toList();
    }

    private static Notice notice(Rules.Context c, String code) {
        return new Notice(c.line(), code, Optional.empty(), Optional.empty());
    }
}
