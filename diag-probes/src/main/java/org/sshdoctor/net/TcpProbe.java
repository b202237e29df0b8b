package org.sshdoctor.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Connects to the target's addresses in order, as ssh does, and stops at the first that accepts. Each
 * address gets the per-phase timeout (ssh's ConnectTimeout). Every failed address is reported: all
 * failing is an error naming the most telling failure; some failing before one accepts is a warning,
 * since each such address delays every login.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TcpProbe implements Probe {
    private static final System.Logger LOG = System.getLogger(TcpProbe.class.getName());
    /** At most this many addresses are tried, each with the full per-phase timeout. */
    private static final int MAX_TIMEOUTS = 3;

    /** How a connect attempt ended. */
    enum Outcome {
        REFUSED("Connection refused"),
        TIMED_OUT("Connection timed out"),
        NO_ROUTE("No route to host"),
        NETWORK_UNREACHABLE("Network is unreachable"),
        OTHER("");

        final String sshText;

        Outcome(String sshText) {
            this.sshText = sshText;
        }
    }

    /** One failed attempt. */
    record Attempt(InetSocketAddress address, Outcome outcome, String message, long millis) {}

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.ADDRESSES);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(NetFacts.CONNECTION);
    }

    @Override
    public Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout().multipliedBy(MAX_TIMEOUTS);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Target target = context.target();
        Addresses addresses = context.fact(NetFacts.ADDRESSES);
        List<Attempt> failures = new ArrayList<>();
        ProbeResult.Builder result = ProbeResult.builder();
        for (InetAddress address : addresses.addresses()) {
            InetSocketAddress remote = new InetSocketAddress(address, target.port());
            Duration timeout = min(context.options().phaseTimeout(), context.remaining());
            if (timeout.toMillis() < 50) {
                break; // out of time: the remaining addresses are reported as not tried
            }
            Socket socket = new Socket();
            context.closeAtEnd(socket);
            long start = System.nanoTime();
            context.events().connectStart(remote);
            LOG.log(System.Logger.Level.DEBUG, "connecting to {0} (timeout {1} ms)", format(remote), String.valueOf(timeout.toMillis()));
            try {
                socket.setTcpNoDelay(true);
                socket.connect(remote, (int) timeout.toMillis());
                long millis = millisSince(start);
                context.events().connectEnd(remote);
                result.fact(NetFacts.CONNECTION, new OpenConnection(socket, remote, millis));
                if (!failures.isEmpty()) {
                    result.finding(someFailed(target, failures, remote));
                }
                return result.ok("connected to " + format(remote) + " in " + millis + " ms"
                        + (failures.isEmpty() ? "" : " after " + failures.size() + " failed address(es)"));
            } catch (IOException e) {
                closeQuietly(socket);
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", format(remote), e.toString());
                failures.add(new Attempt(remote, classify(e), String.valueOf(e.getMessage()), millisSince(start)));
                context.events().connectFailed(remote, String.valueOf(e.getMessage()));
            }
        }
        int untried = addresses.addresses().size() - failures.size();
        result.finding(allFailed(target, failures, untried));
        Attempt first = failures.get(0);
        return result.failed(failures.size() == 1
                ? format(first.address()) + " " + lower(first)
                : "every address failed: " + failures.stream().map(a -> format(a.address()) + " " + lower(a))
                        .collect(Collectors.joining("; ")));
    }

    static Outcome classify(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || message.contains("timed out")) {
            return Outcome.TIMED_OUT;
        }
        if (e instanceof NoRouteToHostException || message.contains("no route to host")) {
            return Outcome.NO_ROUTE;
        }
        if (message.contains("network is unreachable")) {
            return Outcome.NETWORK_UNREACHABLE;
        }
        if (e instanceof ConnectException && message.contains("refused")) {
            return Outcome.REFUSED;
        }
        return Outcome.OTHER;
    }

    private static Finding allFailed(Target target, List<Attempt> failures, int untried) {
        // ssh reports the last address's error; the most telling one for a fix is a timeout (a firewall
        // dropping) over a refusal (nothing listening), so the finding follows the last, like ssh.
        Attempt last = failures.get(failures.size() - 1);
        String sshText = last.outcome() == Outcome.OTHER ? last.message() : last.outcome().sshText;
        String clientMessage = "ssh: connect to host " + target.hostName() + " port " + target.port() + ": " + sshText;
        Finding.Builder finding = switch (last.outcome()) {
            case REFUSED -> Finding.of(NetFindings.TCP_REFUSED, Severity.ERROR)
                    .title("Nothing accepts connections on port " + target.port())
                    .detail("The host answered with a TCP reset: it is up, but no program listens on port "
                            + target.port() + ", or a firewall rejects the connection.")
                    .fix("On the server, check that sshd runs and on which port and address it listens:\n"
                            + "  systemctl status ssh   (sshd on Red Hat family)\n"
                            + "  ss -ltnp | grep sshd\n"
                            + "  sshd -T | grep -Ei '^(port|listenaddress)'\n"
                            + "If sshd listens on another port, connect with -p PORT or set Port in ~/.ssh/config;"
                            + " if a firewall rejects, open the port (e.g. 'ufw allow " + target.port() + "/tcp').");
            case TIMED_OUT -> Finding.of(NetFindings.TCP_TIMEOUT, Severity.ERROR)
                    .title("Connecting to port " + target.port() + " timed out")
                    .detail("No answer at all to the connection request within " + seconds(last.millis())
                            + ": a firewall or security group silently drops it, the address is wrong, or the"
                            + " host is down.")
                    .fix("Check the address ('ssh -G " + target.name() + " | grep ^hostname'), the host's"
                            + " firewall and any cloud security group or NAT port forward for port "
                            + target.port() + "; test with 'nc -vz " + target.hostName() + " " + target.port() + "'.");
            case NO_ROUTE -> Finding.of(NetFindings.TCP_NO_ROUTE, Severity.ERROR)
                    .title("No route to " + target.hostName())
                    .detail("The network reported the host unreachable (ICMP host unreachable): it is down or"
                            + " not on this network, or a firewall rejects with icmp-host-prohibited.")
                    .fix("Check that the host is up and on the expected network; on firewalld systems,"
                            + " 'firewall-cmd --list-all' on the server shows whether ssh is allowed.");
            case NETWORK_UNREACHABLE -> Finding.of(NetFindings.TCP_NETWORK_UNREACHABLE, Severity.ERROR)
                    .title("This machine has no route to " + target.hostName() + "'s network")
                    .detail("There is no route for that address family or prefix here: typically an IPv6"
                            + " address without IPv6 connectivity, or a VPN that is down.")
                    .fix("Use IPv4 ('ssh -4', or AddressFamily inet in ~/.ssh/config), or bring up the VPN"
                            + " or route; 'ip route get " + last.address().getAddress().getHostAddress() + "' shows the route.");
            case OTHER -> Finding.of(NetFindings.TCP_CONNECT_FAILED, Severity.ERROR)
                    .title("Connecting to " + format(last.address()) + " failed")
                    .detail("The connection failed with: " + last.message())
                    .fix("Check the address, the port and local firewall rules for outgoing connections.");
        };
        finding.clientMessage(clientMessage);
        for (Attempt attempt : failures) {
            finding.evidence(format(attempt.address()), lower(attempt) + " after " + attempt.millis() + " ms");
        }
        if (untried > 0) {
            finding.evidence("not tried", untried + " more address(es): the time ran out");
        }
        return finding.build();
    }

    private static Finding someFailed(Target target, List<Attempt> failures, InetSocketAddress connected) {
        long lost = failures.stream().mapToLong(Attempt::millis).sum();
        Finding.Builder finding = Finding.of(NetFindings.TCP_SOME_ADDRESSES_FAILED, Severity.WARNING)
                .title(failures.size() + " address(es) of " + target.hostName() + " failed before "
                        + format(connected) + " accepted")
                .detail("ssh tries the addresses in this order too, so every login loses " + lost
                        + " ms on them first: " + failures.stream().map(a -> format(a.address()) + " " + lower(a))
                                .collect(Collectors.joining("; ")) + ".")
                .fix("Remove the stale address from DNS, make sshd listen on it too, or pin the family that"
                        + " works (AddressFamily inet or inet6 in ~/.ssh/config, or ssh -4/-6).");
        failures.forEach(a -> finding.evidence(format(a.address()), lower(a) + " after " + a.millis() + " ms"));
        return finding.build();
    }

    private static String lower(Attempt attempt) {
        String text = attempt.outcome() == Outcome.OTHER ? attempt.message() : attempt.outcome().sshText;
        return text.toLowerCase(Locale.ROOT);
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the attempt already failed
        }
    }
}
