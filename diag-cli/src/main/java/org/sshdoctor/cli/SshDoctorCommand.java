package org.sshdoctor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.sshdoctor.Doctor;
import org.sshdoctor.auth.KeyQueryOptions;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.EngineFindings;
import org.sshdoctor.jump.JumpHost;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.os.Account;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.render.TimelineRecorder;
import org.sshdoctor.render.TimelineRenderer;
import org.sshdoctor.ssh.HandshakeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sshdoctor TARGET}: the default command, a full diagnosis of one server. Subcommand names win
 * over host names: to diagnose a host called "kb", write {@code sshdoctor -- kb} or {@code ssh://kb}.
 */
@Command(
        name = "sshdoctor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Finds why an SSH connection fails and says how to fix it.",
        description = {
            "Walks the connection as ssh does (DNS, TCP, the server's banner, algorithm negotiation for your own "
                    + "ssh client, host keys against known_hosts and SSHFP, the login methods offered to the user, then the "
                    + "keys ssh would offer, in its order, and which of them the server accepts) and reports each problem "
                    + "with its evidence, the message ssh itself prints, and the fix.",
            "",
            "TARGET is resolved through your ssh_config like ssh does (Host aliases, HostName, Port, User, IdentityFile, "
                    + "IdentitiesOnly, IdentityAgent, CertificateFile; -F, -o, -i, -p and -l win as in ssh). Keys are asked "
                    + "about without signing, and only when known_hosts vouches for the server's host key (--query-keys "
                    + "to ask anyway). Never signs, never sends a password, never writes a file.",
            "",
            "Behind ProxyJump (or ProxyCommand ssh -W %%h:%%p HOST) the jump host is diagnosed, the first hop ssh connects to "
                    + "from here; the report says the target itself was not probed.",
            "",
            "TARGET is host, user@host, host:port, [v6addr]:port or ssh://user@host:port. "
                    + "A command name wins over a host of the same name: write 'sshdoctor -- kb' to diagnose a host called kb."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at warning or error level",
            "1:warning or error findings",
            "2:usage error or unreadable input",
            "3:internal error (a bug in sshdoctor)",
        })
// The subcommands are added by Subcommands, lazily (a cold start builds only the one it runs).
final class SshDoctorCommand implements Callable<Integer> {
    private final Environment environment;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = "The server to diagnose.")
    String target;

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "Port to connect to (wins over TARGET, as in ssh).")
    String port;

    @Option(names = {"-l", "--user"}, paramLabel = "NAME", description = "User to log in as (wins over TARGET, as in ssh).")
    String user;

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "An identity file to consider, as ssh -i (repeatable).")
    List<String> identityFiles = new ArrayList<>();

    @Option(names = {"-F", "--config"}, paramLabel = "FILE",
            description = "ssh_config to use instead of ~/.ssh/config and /etc/ssh/ssh_config ('none': no config file), as ssh -F.")
    String configFile;

    @Option(names = "-o", paramLabel = "KEY=VALUE", description = "An ssh_config option with command-line precedence, as ssh -o (repeatable).")
    List<String> configOptions = new ArrayList<>();

    @Option(names = "--home", paramLabel = "DIR",
            description = "Treat DIR as your home: ~, the default keys, ~/.ssh/config and ~/.ssh/known_hosts.")
    Path home;

    @Option(names = "--no-agent", description = "Ignore SSH_AUTH_SOCK and IdentityAgent: consider only key files.")
    boolean noAgent;

    @Option(names = "--query-keys",
            description = "Ask the server about your public keys even when known_hosts does not vouch for its host key "
                    + "(this shows the server which keys you hold).")
    boolean queryKeys;

    @Option(names = "--via-jump",
            description = "Behind ProxyJump or ProxyCommand: diagnose the target itself, each connection carried by your own ssh "
                    + "to the jump host (ssh -W, as ssh does). Your ssh logs in to the jump host with your keys; sshdoctor signs nothing.")
    boolean viaJump;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time allowed per phase (resolve, connect, banner...), 0.1..600. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--timeline", description = "Show where the time went: one bar per phase.")
    boolean timeline;

    @Option(names = "--client-profile", paramLabel = "NAME",
            description = "Predict negotiation for this client instead of the local ssh: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ClientProfileNames.class)
    String clientProfile;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file to check host keys against (repeatable); default: the files the client reads.")
    List<Path> knownHosts;

    @Option(names = "--audit", description = "Report algorithm hygiene (legacy algorithms, Terrapin exposure) as warnings, not info.")
    boolean audit;

    @Mixin
    OutputOptions output = new OutputOptions();

    SshDoctorCommand(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    @Override
    public Integer call() {
        if (target == null) {
            throw new UsageException("no target given: try 'sshdoctor host.example.org', 'sshdoctor demo' or 'sshdoctor --help'");
        }
        Account account = account();
        ResolvedConfig config = resolveConfig(account);
        Target resolved = config.target();
        DiagnosisOptions options = DiagnosisOptions.withPhaseTimeout(parseTimeout(timeout));
        KeyQueryOptions keys = new KeyQueryOptions(account, environment.variables(), Optional.of(config), !noAgent, queryKeys);
        TimelineRecorder phases = new TimelineRecorder();
        Optional<JumpHost> jump = JumpHost.of(config);
        Report report = viaJump ? ViaJumpDiagnosis.run(this, account, config, options)
                : jump.isPresent() ? FirstHopDiagnosis.run(this, account, config, jump.get(), options)
                : Doctor.create(handshakeOptions(config), keys).diagnose(resolved, options, timeline ? phases : DiagnosisListener.NONE);
        if (output.json) {
            environment.out().print(new JsonRenderer(Version.VALUE).render(report));
        } else {
            environment.out().print(new TextRenderer(output.colour(environment), output.verbosity() > 0).render(report));
            if (timeline) {
                environment.out().print("\n" + new TimelineRenderer().render(report, phases.marks()));
            }
        }
        environment.out().flush();
        if (!report.findings(EngineFindings.PROBE_CRASHED).isEmpty()) {
            return ExitCodes.INTERNAL;
        }
        return report.needsAction() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** --client-profile, --known-hosts and --audit, checked: a bad value is a usage error. */
    HandshakeOptions handshakeOptions(ResolvedConfig config) {
        HandshakeOptions options = HandshakeOptions.defaults().withAudit(audit).withSshArguments(sshArguments());
        if (knownHosts != null) {
            for (Path file : knownHosts) {
                InputFiles.text("--known-hosts", file, InputFiles.MAX_TEXT_BYTES);
            }
            options = options.withKnownHosts(knownHosts);
        } else if (home != null) {
            // ssh -G would name the real home's files; --home means this home's, as our resolver expands them.
            List<Path> files = config.first("userknownhostsfile")
                    .map(entry -> List.of(entry.value().trim().split("\\s+")).stream()
                            .map(file -> Path.of(config.expandPath(file))).toList())
                    .orElse(List.of(home.resolve(".ssh/known_hosts"), home.resolve(".ssh/known_hosts2")));
            options = options.withKnownHosts(files);
        }
        try {
            return clientProfile == null ? options : options.withClientProfile(clientProfile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--client-profile: " + e.getMessage(), e);
        }
    }

    /** -F, -o and -i again, for the local client's own 'ssh -G'. */
    private List<String> sshArguments() {
        List<String> arguments = new ArrayList<>();
        if (configFile != null) {
            arguments.addAll(List.of("-F", configFile));
        }
        configOptions.forEach(option -> arguments.addAll(List.of("-o", option)));
        identityFiles.forEach(file -> arguments.addAll(List.of("-i", file)));
        return arguments;
    }

    /** The account whose files are used: the current one, with --home as its home. */
    private Account account() {
        Account current = Account.current();
        if (home == null) {
            return current;
        }
        if (!Files.isDirectory(home)) {
            throw new UsageException("--home " + home + " is not a directory");
        }
        home = home.toAbsolutePath().normalize();
        return current.withHome(home);
    }

    /**
     * TARGET, -p, -l, -F, -o and -i through our ssh_config resolver, as ssh would see them: the target keeps
     * the name typed (an alias) and connects to the resolved HostName, Port and User.
     */
    private ResolvedConfig resolveConfig(Account account) {
        try {
            TargetSpec spec = TargetSpec.parse(target);
            OptionalInt portFlag = port == null ? OptionalInt.empty() : OptionalInt.of(TargetSpec.parsePort(port, "-p " + port));
            if (user != null && user.isBlank()) {
                throw new IllegalArgumentException("-l needs a user name");
            }
            ConfigRequest request = ConfigArguments.apply(ConfigRequest.forHost(spec.host(), account,
                    environment.variables()).withUser(Optional.ofNullable(user).or(spec::user))
                    .withPort(portFlag.isPresent() ? portFlag : spec.port()), configFile, configOptions, identityFiles);
            return ConfigResolver.resolve(request);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static Duration parseTimeout(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds >= 0.1 && seconds <= 600)) {
                throw new UsageException("--timeout must be 0.1..600 seconds, got " + text);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout must be a number of seconds, got '" + text + "'");
        }
    }
}
