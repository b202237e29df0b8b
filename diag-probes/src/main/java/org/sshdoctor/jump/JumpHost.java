package org.sshdoctor.jump;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ProxyProbe;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.openssh.ArgvSplit;

/**
 * The first hop ssh connects to when the configuration sends it through a jump host: the first entry of
 * {@code ProxyJump} ({@code [user@]host[:port]} or {@code ssh://}), or the destination of a
 * {@code ProxyCommand ssh … -W %h:%p HOST}. Other proxy commands (nc through SOCKS, cloud tunnels) have no
 * SSH first hop that sshdoctor could diagnose.
 *
 * @param entry the ProxyJump or ProxyCommand setting, with its origin
 * @param host the jump host as written (an alias resolved through ssh_config, as ssh does)
 * @param user the user given with it, if any
 * @param port the port given with it, if any
 * @param laterHops the further ProxyJump hops between the first one and the target
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record JumpHost(ConfigEntry entry, String host, Optional<String> user, OptionalInt port, List<String> laterHops) {
    /** ssh options that take an argument (ssh(1) synopsis, 9.x). */
    private static final Set<String> WITH_ARGUMENT = Set.of("-B", "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L",
            "-l", "-m", "-O", "-o", "-P", "-p", "-Q", "-R", "-S", "-W", "-w");

    public JumpHost {
        requireNonNull(entry, "entry");
        requireNonNull(host, "host");
        requireNonNull(user, "user");
        requireNonNull(port, "port");
        laterHops = List.copyOf(laterHops);
    }

    /** The first hop of the proxy setting that applies, if it is an SSH hop sshdoctor can diagnose. */
    public static Optional<JumpHost> of(ResolvedConfig config) {
        return ProxyProbe.proxyOf(config).flatMap(entry -> entry.keyword().equals("proxyjump") ? fromProxyJump(entry)
                : fromProxyCommand(entry));
    }

    /** "ProxyJump" or "ProxyCommand", as the user writes it. */
    public String keyword() {
        return entry.keyword().equals("proxyjump") ? "ProxyJump" : "ProxyCommand";
    }

    /** How ssh would name the hop on a command line: {@code [user@]host[:port]}. */
    public String destination() {
        return user.map(u -> u + "@").orElse("") + (host.contains(":") ? "[" + host + "]" : host)
                + (port.isPresent() ? ":" + port.getAsInt() : "");
    }

    static Optional<JumpHost> fromProxyJump(ConfigEntry entry) {
        List<String> hops = Arrays.stream(entry.value().split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        if (hops.isEmpty()) {
            return Optional.empty();
        }
        try {
            TargetSpec first = TargetSpec.parse(hops.get(0));
            return Optional.of(new JumpHost(entry, first.host(), first.user(), first.port(), hops.subList(1, hops.size())));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** {@code ssh [options] -W %h:%p [user@]host}: the host, with -l and -p when given. */
    static Optional<JumpHost> fromProxyCommand(ConfigEntry entry) {
        List<String> argv = ArgvSplit.split(entry.value()).orElse(List.of());
        int start = !argv.isEmpty() && argv.get(0).equals("exec") ? 1 : 0;
        if (argv.size() <= start || !(argv.get(start).equals("ssh") || argv.get(start).endsWith("/ssh"))) {
            return Optional.empty();
        }
        Optional<String> user = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        boolean forwardsStdio = false;
        String destination = null;
        for (int i = start + 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (WITH_ARGUMENT.contains(arg) && i + 1 < argv.size()) {
                String value = argv.get(++i);
                switch (arg) {
                    case "-W" -> forwardsStdio = true;
                    case "-l" -> user = Optional.of(value);
                    case "-p" -> port = parsePort(value);
                    default -> { }
                }
            } else if (arg.startsWith("-W")) {
                forwardsStdio = true;
            } else if (!arg.startsWith("-") && destination == null) {
                destination = arg;
            }
        }
        if (!forwardsStdio || destination == null) {
            return Optional.empty();
        }
        try {
            TargetSpec spec = TargetSpec.parse(destination);
            return Optional.of(new JumpHost(entry, spec.host(), user.or(spec::user), port.isPresent() ? port : spec.port(), List.of()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static OptionalInt parsePort(String text) {
        try {
            return OptionalInt.of(TargetSpec.parsePort(text, "-p " + text));
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
