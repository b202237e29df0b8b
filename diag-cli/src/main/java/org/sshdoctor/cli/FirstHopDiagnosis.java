package org.sshdoctor.cli;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.sshdoctor.Doctor;
import org.sshdoctor.auth.KeyQueryOptions;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.jump.FirstHopProbe;
import org.sshdoctor.jump.JumpHost;
import org.sshdoctor.model.Report;
import org.sshdoctor.os.Account;

/**
 * The diagnosis of a target behind a jump host: the first hop, resolved through ssh_config as ssh -J does
 * (its own Host block, the same -F file, not the target's -o/-i), diagnosed like any target, plus the note
 * that the target itself was not probed. A jump host that has its own ProxyJump is followed to the host
 * this machine really connects to.
 */
final class FirstHopDiagnosis {
    /** Hops followed through the jump hosts' own ProxyJump settings before giving up (a loop in the config). */
    private static final int MAX_CHAIN = 8;

    private FirstHopDiagnosis() {}

    static Report run(SshDoctorCommand command, Account account, ResolvedConfig targetConfig, JumpHost firstHop,
            DiagnosisOptions options) {
        JumpHost hop = firstHop;
        ResolvedConfig jumpConfig = resolve(command, account, hop);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < MAX_CHAIN && seen.add(jumpConfig.target().endpoint()); i++) {
            Optional<JumpHost> further = JumpHost.of(jumpConfig);
            if (further.isEmpty()) {
                break;
            }
            hop = further.get();
            jumpConfig = resolve(command, account, hop);
        }
        KeyQueryOptions keys = new KeyQueryOptions(account, command.environment().variables(), Optional.of(jumpConfig),
                !command.noAgent, command.queryKeys);
        return Doctor.withProbes(FirstHopProbe.plan(hop, targetConfig.target(), command.handshakeOptions(jumpConfig), keys))
                .diagnose(jumpConfig.target(), options, DiagnosisListener.NONE);
    }

    private static ResolvedConfig resolve(SshDoctorCommand command, Account account, JumpHost hop) {
        try {
            return ConfigResolver.resolve(ConfigRequest.forHost(hop.host(), account, command.environment().variables())
                    .withUser(hop.user()).withPort(hop.port()).withConfigFile(Optional.ofNullable(command.configFile)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(hop.keyword() + " " + hop.entry().value() + ": " + e.getMessage(), e);
        }
    }
}
