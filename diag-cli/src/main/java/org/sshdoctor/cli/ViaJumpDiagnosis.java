package org.sshdoctor.cli;

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
        List<String> transport = proxy.keyword().equals("proxyjump") ? sshDashW(proxy.value(), real, command.configFile)
                : List.of("/bin/sh", "-c", "exec " + expand(proxy.value(), real));
        try (JumpTransport carrier = JumpTransport.start(transport)) {
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
            return ViaJumpFindings.withTransport(report, real, proxy, carrier.command(), carrier.runs());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no loopback port for the transport: " + e.getMessage(), e);
        }
    }

    /** ProxyJump as ssh.c turns it into a ProxyCommand: the last hop is the jump host, the others go to -J. */
    static List<String> sshDashW(String proxyJump, Target real, String configFile) {
        List<String> hops = Arrays.stream(proxyJump.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        TargetSpec last = TargetSpec.parse(hops.get(hops.size() - 1));
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        last.user().ifPresent(user -> argv.addAll(List.of("-l", user)));
        last.port().ifPresent(port -> argv.addAll(List.of("-p", String.valueOf(port))));
        if (hops.size() > 1) {
            argv.addAll(List.of("-J", String.join(",", hops.subList(0, hops.size() - 1))));
        }
        if (configFile != null) {
            argv.addAll(List.of("-F", configFile));
        }
        argv.addAll(List.of("-W", "[" + real.hostName() + "]:" + real.port(), "--", last.host()));
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
