package org.sshdoctor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.Doctor;
import org.sshdoctor.auth.KeyQueryOptions;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ProxyProbe;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.jump.JumpTransport;
import org.sshdoctor.jump.ViaJumpFindings;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.os.Account;
import org.sshdoctor.ssh.HandshakeOptions;

/**
 * {@code --via-jump}: the target diagnosed through the user's own ssh to the jump host, with their consent
 * (the option): every probe connection is carried by a run of the proxy command ssh itself would run (ProxyJump
 * made into {@code ssh -W [%h]:%p} as ssh.c does, or the user's ProxyCommand). The user's ssh logs in to the jump
 * host and signs there, as when they connect; sshdoctor's own connections to the target still never sign.
 */
final class ViaJumpDiagnosis {
    private ViaJumpDiagnosis() {}

    static Report run(SshDoctorCommand command, Account account, ResolvedConfig config, DiagnosisOptions options) {
        Target real = config.target();
        ConfigEntry proxy = ProxyProbe.proxyOf(config).orElseThrow(() -> new UsageException("--via-jump: " + real.name()
                + " has no ProxyJump or ProxyCommand in its configuration (ssh connects to it directly)"));
        Path controlDirectory = null;
        try {
            JumpTransport carrier;
            if (proxy.keyword().equals("proxyjump")) {
                // One login on the jump host for all the probes' connections: a master ssh and its control socket.
                controlDirectory = Files.createTempDirectory("sshdoctor-jump-");
                Path socket = controlDirectory.resolve("ctl");
                List<String> jump = jumpArguments(proxy.value(), command.configFile);
                List<String> master = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-M", "-S", socket.toString(), "-N"));
                master.addAll(jump);
                List<String> each = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-S", socket.toString(), "-W",
                        "[" + real.hostName() + "]:" + real.port()));
                each.addAll(jump);
                carrier = JumpTransport.startMultiplexed(master, socket, each, options.phaseTimeout());
                List<String> shown = new ArrayList<>(List.of("ssh", "-W", "[" + real.hostName() + "]:" + real.port()));
                shown.addAll(jump);
                return diagnose(command, account, config, options, real, proxy, carrier, shown);
            }
            String expanded = expand(proxy.value(), real);
            carrier = JumpTransport.start(List.of("/bin/sh", "-c", "exec " + expanded));
            return diagnose(command, account, config, options, real, proxy, carrier, List.of(expanded));
        } catch (IOException e) {
            throw new IllegalStateException("no loopback port or temporary directory for the transport: " + e.getMessage(), e);
        } finally {
            deleteQuietly(controlDirectory);
        }
    }

    private static Report diagnose(SshDoctorCommand command, Account account, ResolvedConfig config, DiagnosisOptions options,
            Target real, ConfigEntry proxy, JumpTransport carrier, List<String> shown) {
        try (carrier) {
            Target through = new Target(real.name(), "127.0.0.1", carrier.port(), real.user());
            HandshakeOptions handshake = command.handshakeOptions(config);
            if (config.first("hostkeyalias").isEmpty()) {
                // ssh checks the target's own name in known_hosts, not the local end of the proxy.
                List<String> arguments = new ArrayList<>(handshake.sshArguments());
                arguments.addAll(List.of("-o", "HostKeyAlias=" + (real.port() == Target.DEFAULT_PORT ? real.hostName()
                        : "[" + real.hostName() + "]:" + real.port())));
                handshake = handshake.withSshArguments(arguments);
            }
            KeyQueryOptions keys = new KeyQueryOptions(account, command.environment().variables(), Optional.of(config),
                    !command.noAgent, command.queryKeys);
            List<org.sshdoctor.engine.Probe> probes = Doctor.standardProbes(handshake, keys).stream()
                    .filter(p -> !(p instanceof ProxyProbe)).toList();
            Report report = Doctor.withProbes(probes).diagnose(through, options, DiagnosisListener.NONE);
            carrier.close();
            return ViaJumpFindings.withTransport(report, real, proxy, shown, carrier.runs());
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    /**
     * ProxyJump as ssh.c turns it into a ProxyCommand, without the -W: the last hop is the jump host (with -l and -p),
     * the others go to -J, and the -F file is passed on.
     */
    static List<String> jumpArguments(String proxyJump, String configFile) {
        List<String> hops = Arrays.stream(proxyJump.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        TargetSpec last = TargetSpec.parse(hops.get(hops.size() - 1));
        List<String> argv = new ArrayList<>();
        last.user().ifPresent(user -> argv.addAll(List.of("-l", user)));
        last.port().ifPresent(port -> argv.addAll(List.of("-p", String.valueOf(port))));
        if (hops.size() > 1) {
            argv.addAll(List.of("-J", String.join(",", hops.subList(0, hops.size() - 1))));
        }
        if (configFile != null) {
            argv.addAll(List.of("-F", configFile));
        }
        argv.addAll(List.of("--", last.host()));
        return argv;
    }

    /** The ProxyCommand tokens ssh expands (%h %p %r %n %%). */
    static String expand(String command, Target real) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c != '%' || i + 1 == command.length()) {
                out.append(c);
                continue;
            }
            char token = command.charAt(++i);
            switch (token) {
                case 'h' -> out.append(real.hostName());
                case 'p' -> out.append(real.port());
                case 'r' -> out.append(real.user());
                case 'n' -> out.append(real.name());
                case '%' -> out.append('%');
                default -> out.append('%').append(token);
            }
        }
        return out.toString();
    }
}
