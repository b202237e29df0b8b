package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;

/**
 * The client-side checks of {@code sshdoctor local}, as OpenSSH applies its rules: ~/.ssh, the config
 * files' permissions and syntax, every private key (permissions, format, .pub pair), certificates,
 * the agent, and, for a target, the identities ssh would offer. Reads only; never writes a file, never
 * asks a passphrase, never signs, never prints private key material.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientChecks {
    private final Options options;

    /**
     * @param account the local account whose files are checked
     * @param environment variables (SSH_AUTH_SOCK)
     * @param config the configuration resolved for the target, or for a placeholder host without target
     * @param targetGiven true when {@code config} is for a real target (identity order, login user)
     * @param useAgent false to leave the agent alone
     * @param now the time certificates are checked against
     * @param localAddresses this machine's addresses (certificate source-address)
     * @param agentTimeout how long to wait for the agent
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Options(Account account, Map<String, String> environment, ResolvedConfig config,
            boolean targetGiven, boolean useAgent, Instant now, List<InetAddress> localAddresses, Duration agentTimeout) {
        public Options {
            requireNonNull(account, "account");
            environment = Map.copyOf(environment);
            requireNonNull(config, "config");
            requireNonNull(now, "now");
            localAddresses = List.copyOf(localAddresses);
            requireNonNull(agentTimeout, "agentTimeout");
        }
    }

    public ClientChecks(Options options) {
        this.options = options;
    }

    public ClientReport run() {
        List<Finding> findings = new ArrayList<>();
        Account account = options.account();
        Path sshDir = account.home().resolve(".ssh");
        SshDirectoryRule.check(sshDir, FileStat.of(sshDir), account.uid()).ifPresent(findings::add);
        findings.addAll(ConfigProblems.findings(options.config(), options.targetGiven()));
        findings.addAll(new KeyFileChecks(options).findings(sshDir));
        AgentState agent = options.useAgent() ? agent() : new AgentState(Optional.empty(), List.of(), List.of());
        findings.addAll(agent.findings());
        List<OfferedIdentity> identities = List.of();
        if (options.targetGiven()) {
            identities = IdentityOrder.compute(options.config(), agent.identities(), IdentitySource.DISK);
            findings.addAll(IdentityRule.check(options.config(), identities));
        }
        return new ClientReport(findings, identities, agent, options.targetGiven() ? Optional.of(options.config()) : Optional.empty());
    }

    private AgentState agent() {
        AgentSocket socket = AgentSocket.of(options.config(), options.environment());
        return AgentRule.check(socket.path(), socket.why(), options.agentTimeout());
    }

    /** This machine's addresses, for certificate source-address checks. */
    public static List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException | RuntimeException e) {
            return List.of();
        }
        return out;
    }
}
