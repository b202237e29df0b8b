package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Names what a server did when the main connection stopped after its identification: a malformed packet,
 * a disconnect message, silence in the key exchange or at authentication, connections refused under
 * load, or a plain close. Each finding quotes what ssh prints in the same situation (checked against the
 * real client in HostileKexTest). Text the server chose is never put into a finding unescaped where it is
 * shown as a block: a disconnect message could otherwise add lines of its own to the report.
 */
final class KexFailureVerdicts {
    private final Target target;
    private final InetSocketAddress address;

    KexFailureVerdicts(Target target, InetSocketAddress address) {
        this.target = target;
        this.address = address;
    }

    /** The finding for a connection that stopped; {@code firstPacket} is what a raw read of its first packet saw. */
    Finding stopped(Handshake.Failure failure, Optional<FirstPacketReader.Result> firstPacket) {
        Optional<ServerDisconnect> disconnect = ServerDisconnect.parse(failure.message());
        if (disconnect.isPresent()) {
            return disconnected(disconnect.get(), failure.stage());
        }
        if (firstPacket.isPresent()) {
            FirstPacketReader.Result packet = firstPacket.get();
            if (packet instanceof FirstPacketReader.BadLength bad) {
                return malformed("Its first packet claims to be " + bad.length() + " bytes long; SSH packets are at"
                        + " least 5 bytes and OpenSSH accepts at most " + FirstPacketReader.MAX_PACKET + ".",
                        "packet length", String.valueOf(bad.length()),
                        "Bad packet length " + bad.length() + ".\nssh_dispatch_run_fatal: Connection to " + endpoint()
                                + ": message authentication code incorrect");
            }
            if (packet instanceof FirstPacketReader.Malformed malformed) {
                return malformed("Its KEXINIT does not parse: " + malformed.what() + ".", "problem", malformed.what(),
                        "kex_input_kexinit: discard proposal: incomplete message\nssh_dispatch_run_fatal: Connection to "
                                + endpoint() + ": incomplete message");
            }
            if (packet instanceof FirstPacketReader.Disconnect sent) {
                return disconnected(sent.disconnect(), failure.stage());
            }
            if (packet instanceof FirstPacketReader.Other other) {
                return malformed("Its first packet is message type " + other.messageType() + ", where RFC 4253 requires"
                        + " the KEXINIT (type 20).", "message type", String.valueOf(other.messageType()), null);
            }
        }
        if (failure.timedOut()) {
            return failure.stage() == Handshake.Stage.AUTH ? authNoAnswer(failure) : stalled(failure);
        }
        return closed(failure);
    }

    /**
     * Connections refused before the greeting: {@code refused} of the {@code connections} this diagnosis made
     * to the server; {@code through} when a later one got past the greeting, so the diagnosis is complete.
     * {@code error} is how the first refusal looked (a close, a reset, or what sshd wrote first).
     */
    Finding throttled(int refused, int connections, boolean through, String error) {
        return throttled(refused, connections, through ? Severity.WARNING : Severity.ERROR, error, through
                ? "A retry got through, so the rest of this diagnosis is complete."
                : "No retry got through, so nothing after the greeting was checked.");
    }

    /** As above, with the severity and the sentence saying what the refusals cost this diagnosis. */
    Finding throttled(int refused, int connections, Severity severity, String error, String consequence) {
        return Finding.of(PeerFindings.THROTTLED, severity)
                .title("The server refused " + refused + " of our " + connections + " connections before its greeting:"
                        + " it is throttling connections (MaxStartups or PerSourcePenalties)")
                .detail("Of the " + connections + " connections this diagnosis opened, the server closed " + refused
                        + " at once, before its identification line (" + error + "). sshd does this to connections"
                        + " past its MaxStartups limit (too many unauthenticated connections at once, 10:30:100 by"
                        + " default: from the 10th on, 30% are dropped) or from an address PerSourcePenalties has"
                        + " penalised (OpenSSH 9.8+); sshd may first write 'Exceeded MaxStartups' or 'Not allowed at"
                        + " this time'. ssh then says the connection was closed, or reset when sshd closed it before"
                        + " reading ssh's own greeting. The server is not broken; it is busy, or it counts this"
                        + " machine as abusive. " + consequence)
                .evidence("refused", refused)
                .evidence("connections", connections)
                .evidence("error", error)
                .clientMessage(error.toLowerCase(Locale.ROOT).contains("reset")
                        ? "kex_exchange_identification: read: Connection reset by peer\nConnection reset by " + endpoint()
                        : "kex_exchange_identification: Connection closed by remote host\nConnection closed by " + endpoint())
                .fix("On the server: 'journalctl -u ssh | grep -E \"MaxStartups|penalty\"' shows the drops. Raise"
                        + " MaxStartups (e.g. 'MaxStartups 50:30:200') if the load is legitimate, exempt trusted"
                        + " networks from PerSourcePenalties ('PerSourcePenaltyExemptList'), or open fewer connections"
                        + " at once (sshdoctor scan --concurrency, ControlMaster in automation).")
                .build();
    }

    private Finding disconnected(ServerDisconnect disconnect, Handshake.Stage stage) {
        String received = "Received disconnect from " + endpoint() + ":" + disconnect.reason() + ": ";
        String shown = disconnect.asSshPrintsIt(received.length());
        return Finding.of(PeerFindings.DISCONNECTED, Severity.ERROR)
                .title("The server disconnected " + when(stage) + " (reason " + disconnect.reason() + ", "
                        + disconnect.reasonName() + ")")
                .detail("The server sent an SSH disconnect message with reason " + disconnect.reason() + " ("
                        + disconnect.reasonName() + ") and the text below, shown with control characters escaped"
                        + (disconnect.cut() ? " and cut to the " + ServerDisconnect.SSH_SHOWS + " characters ssh shows"
                                + " (the server sent " + disconnect.length() + ")" : "") + ":\n" + shown)
                .evidence("stage", stage.name().toLowerCase(Locale.ROOT))
                .evidence("reason", disconnect.reason() + " (" + disconnect.reasonName() + ")")
                .evidence("message", disconnect.text())
                .evidence("message length", disconnect.length())
                .clientMessage(received + shown
                        + "\nDisconnected from " + endpoint())
                .fix("The text comes from the server (or from a proxy in front of it); its log at the time of this"
                        + " test says why it ended the connection ('journalctl -u ssh' or /var/log/auth.log).")
                .build();
    }

    private Finding malformed(String what, String evidenceKey, String evidenceValue, String sshSays) {
        Finding.Builder finding = Finding.of(PeerFindings.MALFORMED_PACKET, Severity.ERROR)
                .title("The server sent a malformed packet instead of its key exchange init")
                .detail("The server's identification was fine, but what followed breaks the SSH binary packet"
                        + " protocol (RFC 4253 section 6): " + what + " No SSH client can go on. The port is served"
                        + " by a broken or hostile SSH implementation, or something between here and sshd"
                        + " (a proxy, a load balancer, a DPI box) mangles the stream.")
                .evidence(evidenceKey, evidenceValue)
                .fix("Connect from the server itself ('ssh -vvv -p " + target.port() + " localhost') to tell a broken"
                        + " server from a broken path; check what really listens on port " + target.port()
                        + " ('sudo ss -ltnp') and update or replace that software.");
        if (sshSays != null) {
            finding.clientMessage(sshSays);
        }
        return finding.build();
    }

    private Finding stalled(Handshake.Failure failure) {
        return Finding.of(PeerFindings.KEX_STALLED, Severity.ERROR)
                .title("The server stopped answering " + when(failure.stage()))
                .detail("The server greeted us" + (failure.stage() == Handshake.Stage.KEX ? " and sent its algorithm"
                        + " lists (KEXINIT), then never answered our key exchange init" : ", then never sent its"
                        + " algorithm lists (KEXINIT)") + ": " + failure.message() + ". sshd computes its reply at once;"
                        + " silence here means a hung or overloaded sshd, a tarpit, or a path that lets small packets"
                        + " through but drops big ones (an MTU problem on a VPN or tunnel: the key exchange packets"
                        + " are the first large ones).")
                .evidence("stage", failure.stage().name().toLowerCase(Locale.ROOT))
                .evidence("error", failure.message())
                .clientMessage("Connection to " + endpoint() + " timed out\n(with ServerAliveInterval set; without it,"
                        + " ssh waits indefinitely: ConnectTimeout does not cover the key exchange)")
                .fix("Compare 'ssh -vvv' from another network and from the server itself; if only some paths hang,"
                        + " lower the MTU ('ping -M do -s 1400 HOST' finds it) or fix MSS clamping on the tunnel;"
                        + " otherwise check the server's load and sshd's log.")
                .build();
    }

    private Finding authNoAnswer(Handshake.Failure failure) {
        return Finding.of(PeerFindings.AUTH_NO_ANSWER, Severity.ERROR)
                .title("The server never answered the authentication request")
                .detail("Key exchange worked and the server accepted the ssh-userauth service, but it did not answer"
                        + " our 'none' authentication request for " + target.user() + ": " + failure.message() + "."
                        + " sshd asks its authentication backends before answering, so a hanging PAM module, LDAP or"
                        + " NSS lookup (sssd, nslcd), or a slow AuthorizedKeysCommand stalls every login at this point;"
                        + " the server gives up after LoginGraceTime (120 s by default).")
                .evidence("stage", failure.stage().name().toLowerCase(Locale.ROOT))
                .evidence("error", failure.message())
                .clientMessage("Connection to " + endpoint() + " timed out\n(with ServerAliveInterval set; without it,"
                        + " ssh waits until the server's LoginGraceTime ends)")
                .fix("On the server: 'getent passwd " + target.user() + "' and 'id " + target.user() + "' must answer at"
                        + " once; 'journalctl -u ssh -u sssd' shows what sshd waits for; 'sshd -ddd -p 2222' on a spare"
                        + " port shows the step that hangs.")
                .build();
    }

    private Finding closed(Handshake.Failure failure) {
        boolean reset = failure.message().toLowerCase(Locale.ROOT).contains("reset");
        return Finding.of(HandshakeFindings.KEX_FAILED, Severity.ERROR)
                .title("The server " + (reset ? "reset" : "ended") + " the connection " + when(failure.stage()))
                .detail("The banner exchange worked, but a second connection stopped while "
                        + failure.stage().description + ": " + failure.message() + ". Servers do this when they"
                        + " drop unauthenticated connections under load (MaxStartups, PerSourcePenalties), when a"
                        + " firewall or IPS cuts SSH after the banner, or when sshd fails while preparing the key"
                        + " exchange (unreadable host keys, a broken crypto library).")
                .evidence("stage", failure.stage().name().toLowerCase(Locale.ROOT))
                .evidence("error", failure.message())
                .clientMessage((reset ? "Connection reset by " : "Connection closed by ") + endpoint())
                .fix("Look at the server's log at the time of this test ('journalctl -u ssh' or /var/log/auth.log) for"
                        + " the connection from this machine; 'ssh -vvv " + target.name() + "' shows the"
                        + " last step that worked.")
                .build();
    }

    /** When, in words that fit after a verb. */
    private static String when(Handshake.Stage stage) {
        return switch (stage) {
            case CONNECT -> "while we connected";
            case IDENTIFICATION -> "before its identification";
            case KEXINIT -> "before sending its algorithm lists (KEXINIT)";
            case KEX -> "during the key exchange";
            case AUTH -> "during authentication";
        };
    }

    private String endpoint() {
        return BannerProbe.endpoint(address);
    }
}
