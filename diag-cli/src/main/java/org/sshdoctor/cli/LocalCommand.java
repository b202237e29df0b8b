package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.config.SshGCrossCheck;
import org.sshdoctor.local.ChrootTargets;
import org.sshdoctor.local.ClientChecks;
import org.sshdoctor.local.ClientReport;
import org.sshdoctor.local.PassphraseCheck;
import org.sshdoctor.local.ServerAuthCheck;
import org.sshdoctor.local.ServerAuthResult;
import org.sshdoctor.local.SshdBuild;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import org.sshdoctor.render.TextRenderer.Viewpoint;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.sshd.ConnectionSpec;
import org.sshdoctor.sshd.Setting;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.sshd.SshdCrossCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sshdoctor local}: local file checks, no network. Without {@code --server}: the client side
 * ({@link ClientChecks}: ~/.ssh, config files, keys, certificates, agent; with a TARGET also the effective
 * configuration with origins and the identities ssh would offer). With {@code --server}: why sshd refuses a
 * user's keys ({@link ServerAuthCheck}). This class only parses options and prints.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Local file checks, no network: your SSH client files, or with --server why sshd refuses a user's keys.",
        description = {
            "Client side (default): applies OpenSSH's own rules to ~/.ssh: private-key permissions (UNPROTECTED "
                    + "PRIVATE KEY FILE), config-file permissions (Bad owner or permissions), keys that will not load "
                    + "(CRLF, truncated, PuTTY .ppk, public key given as private), stale .pub files, certificates "
                    + "(validity, principals, source-address) and the agent. With TARGET it also prints the effective "
                    + "configuration like 'ssh -G', with the file and line each value came from, and the identities ssh "
                    + "would offer, in ssh's order; the result is cross-checked with 'ssh -G' when ssh is installed. Like "
                    + "ssh -G, it runs 'Match exec' commands (--no-exec prevents it). Never writes a file, never signs, "
                    + "never prints private key material; asks for a passphrase only with --check-passphrase.",
            "",
            "--server checks, as the installed sshd would: the account (locked, shell, AllowUsers/DenyUsers/"
                    + "AllowGroups/DenyGroups), every AuthorizedKeysFile (StrictModes owners and modes from the file up to "
                    + "the home directory, with Debian's private-group rule when this sshd has it, readability by the user, "
                    + "and a lint of each line), RevokedKeys and the host key files. sshd_config is resolved with its "
                    + "Include and Match blocks for the user, and cross-checked with sshd -T when possible. Run as root."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at warning or error level",
            "1:warning or error findings",
            "2:usage error or unreadable input",
            "3:internal error (a bug in sshdoctor)",
        })
final class LocalCommand implements Callable<Integer> {
    private static final Path DEFAULT_CONFIG = Path.of("/etc/ssh/sshd_config");
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "Client side: the host (user@host, host:port) to resolve the configuration and identities for.")
    String target;

    @Option(names = "--server", description = "Check the server side: why sshd refuses this user's keys.")
    boolean server;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME",
            description = "The local account to check: its home and uid from the password database "
                    + "(default: the current user; with --server, $SUDO_USER first).")
    String user;

    @Option(names = "--sshd-config", paramLabel = "FILE", description = "With --server: sshd_config to read (default: /etc/ssh/sshd_config).")
    Path sshdConfig;

    @Option(names = "-F", paramLabel = "FILE", description = "Config file instead of ~/.ssh/config and /etc/ssh/ssh_config ('none' for none), as ssh -F.")
    String configFile;

    @Option(names = "-o", paramLabel = "KEY=VALUE", description = "A config option with command-line precedence, as ssh -o. Repeatable.")
    List<String> options = new ArrayList<>();

    @Option(names = "-i", paramLabel = "FILE", description = "An identity file, as ssh -i. Repeatable.")
    List<String> identityFiles = new ArrayList<>();

    @Option(names = "-l", paramLabel = "NAME", description = "Remote login name, as ssh -l.")
    String loginName;

    @Option(names = "-p", paramLabel = "PORT", description = "Remote port, as ssh -p.")
    String port;

    @Option(names = "--home", paramLabel = "DIR", description = "Treat DIR as the home directory (its .ssh is checked).")
    Path home;

    @Option(names = "--no-agent", description = "Do not contact the ssh-agent.")
    boolean noAgent;

    @Option(names = "--no-exec", description = "Do not run 'Match exec' commands (treat them as not matching).")
    boolean noExec;

    @Option(names = "--check-passphrase", paramLabel = "KEY",
            description = "Test whether a passphrase opens KEY: read from the terminal without echo, else one line of stdin. Never printed.")
    Path passphraseKey;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        if (server) {
            if (target != null || configFile != null || !options.isEmpty() || !identityFiles.isEmpty() || loginName != null
                    || port != null || home != null || noAgent || noExec || passphraseKey != null) {
                throw new UsageException("--server takes only --user, --sshd-config and the output options; "
                        + "TARGET, -F, -o, -i, -l, -p, --home, --no-agent, --no-exec and --check-passphrase are for the client side");
            }
            return serverSide(environment);
        }
        if (sshdConfig != null) {
            throw new UsageException("--sshd-config needs --server");
        }
        return clientSide(environment);
    }

    private int serverSide(Environment environment) {
        Accounts accounts = Accounts.system();
        String name = user != null ? user : environment.variable("SUDO_USER").orElse(System.getProperty("user.name"));
        Account account = accounts.byName(name).orElseThrow(() -> new UsageException(
                "no account named '" + name + "' on this system (getent passwd " + name + ")"));
        Path file = sshdConfig == null ? DEFAULT_CONFIG : sshdConfig;
        if (sshdConfig == null && !Files.isReadable(file)) {
            throw new UsageException("cannot read sshd config " + file + (Files.exists(file)
                    ? ": permission denied; run as root" : ": no such file; give --sshd-config FILE"));
        }
        InputFiles.text("cannot read sshd config", file, InputFiles.MAX_TEXT_BYTES);
        SshdConfig config;
        try {
            config = SshdConfig.read(file);
        } catch (IOException e) {
            throw new UsageException("cannot read sshd config " + file + ": " + e.getMessage(), e);
        }
        ServerAuthResult result = new ServerAuthCheck(accounts, SshdBuild.of(SSHD)).check(config, account);
        ConnectionSpec connection = new ChrootTargets(config, accounts).spec(account);
        List<Finding> all = new ArrayList<>(SshdCrossCheck.system().compare(config, connection));
        all.addAll(result.findings());
        List<Setting> effective = effective(config, connection);
        environment.out().print(output.json ? json(config, result, all, effective)
                : text(config, result, all, effective, environment));
        environment.out().flush();
        return all.stream().anyMatch(f -> f.severity().needsAction()) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private int clientSide(Environment environment) {
        Account who = account();
        if (passphraseKey != null) {
            InputFiles.text("--check-passphrase", passphraseKey, InputFiles.MAX_KEY_BYTES);
            if (passphraseKey.toFile().length() == 0) {
                throw new UsageException("--check-passphrase " + passphraseKey + ": empty file, not a private key");
            }
        }
        Optional<TargetSpec> spec = spec();
        ConfigRequest request = request(spec, who, environment);
        ResolvedConfig config = ConfigResolver.resolve(request);
        ClientChecks.Options checkOptions = new ClientChecks.Options(who, environment.variables(), config,
                spec.isPresent(), !noAgent, Instant.now(), ClientChecks.localAddresses(), Duration.ofSeconds(5));
        ClientReport report = new ClientChecks(checkOptions).run();
        List<Finding> findings = new ArrayList<>(report.findings());
        if (spec.isPresent()) {
            crossCheck(config).ifPresent(findings::add);
        }
        if (passphraseKey != null) {
            findings.add(checkPassphrase(environment));
        }
        LocalRenderer renderer = new LocalRenderer(output.colour(environment), output.verbosity() > 0);
        environment.out().print(output.json ? renderer.json(who, report, findings) : renderer.text(who, report, findings));
        environment.out().flush();
        return findings.stream().anyMatch(f -> f.severity().needsAction()) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private Account account() {
        if (user != null && home != null) {
            throw new UsageException("give --home DIR or --user NAME, not both");
        }
        if (user != null) {
            return Accounts.system().byName(user).orElseThrow(() -> new UsageException("no local account named '" + user + "' in /etc/passwd"));
        }
        Account current = Account.current();
        if (home != null) {
            if (!Files.isDirectory(home)) {
                throw new UsageException("--home " + home + " is not a directory");
            }
            return current.withHome(home.toAbsolutePath().normalize());
        }
        return current;
    }

    private Optional<TargetSpec> spec() {
        if (target == null) {
            if (configFile != null || !options.isEmpty() || loginName != null || port != null) {
                throw new UsageException("-F, -o, -l and -p need a TARGET, e.g. 'sshdoctor local -F FILE host'");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(TargetSpec.parse(target));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private ConfigRequest request(Optional<TargetSpec> spec, Account who, Environment environment) {
        ConfigRequest request = ConfigRequest.forHost(spec.map(TargetSpec::host).orElse("sshdoctor-any-host"), who,
                environment.variables());
        if (spec.isEmpty() || noExec) {
            request = request.withExec(ConfigRequest.MatchExec.NEVER);
        }
        OptionalInt portValue = OptionalInt.empty();
        if (port != null) {
            try {
                portValue = OptionalInt.of(TargetSpec.parsePort(port, "-p " + port));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        } else if (spec.isPresent()) {
            portValue = spec.get().port();
        }
        Optional<String> user = Optional.ofNullable(loginName).or(() -> spec.flatMap(TargetSpec::user));
        return ConfigArguments.apply(request.withUser(user).withPort(portValue), configFile, options, identityFiles);
    }

    private Finding checkPassphrase(Environment environment) {
        if (!Files.isRegularFile(passphraseKey) || !Files.isReadable(passphraseKey)) {
            throw new UsageException("--check-passphrase " + passphraseKey + ": cannot read that file");
        }
        String passphrase;
        java.io.Console console = System.console();
        try {
            if (console != null) {
                char[] typed = console.readPassword("Passphrase for %s: ", passphraseKey);
                passphrase = typed == null ? "" : new String(typed);
            } else {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(environment.in(),
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                passphrase = line == null ? "" : line;
            }
            return PassphraseCheck.check(passphraseKey, passphrase);
        } catch (java.io.IOException e) {
            throw new UsageException("--check-passphrase " + passphraseKey + ": " + e.getMessage(), e);
        }
    }

    /** ssh -G with the same arguments; a disagreement is our bug and is reported as such. */
    private Optional<Finding> crossCheck(ResolvedConfig config) {
        Optional<SshGCrossCheck> check = SshGCrossCheck.installed();
        if (check.isEmpty() || noExec) {
            return Optional.empty(); // ssh -G would run the Match exec commands we were told not to run
        }
        return check.get().compare(config).filter(d -> !d.isEmpty()).map(disagreements -> {
            Finding.Builder b = Finding.of(ConfigFindings.SSH_G_DISAGREES, Severity.WARNING)
                    .title("sshdoctor's reading of the config differs from 'ssh -G' (a bug in sshdoctor)")
                    .detail("The values above come from sshdoctor's own resolver; ssh itself uses the ssh -G values.");
            disagreements.forEach(d -> b.evidence(d.keyword(), "sshdoctor " + d.ours() + " / ssh -G " + d.ssh()));
            return b.fix("Please report it with the config and the ssh -G output, so the resolver can be fixed.").build();
        });
    }

    /** Settings that decide whether a key login works, shown even when sshd uses its default. */
    private static final List<String> AUTH_KEYWORDS = List.of("pubkeyauthentication", "authorizedkeysfile",
            "strictmodes", "passwordauthentication", "kbdinteractiveauthentication", "permitrootlogin", "usepam",
            "authenticationmethods", "revokedkeys", "chrootdirectory", "forcecommand");

    /**
     * The effective value, and the line that set it, of every keyword the config sets plus the ones
     * that decide key logins: like {@code sshd -T -C user=…}, with origins, which sshd -T does not show.
     */
    private static List<Setting> effective(SshdConfig config, ConnectionSpec connection) {
        java.util.Set<String> keywords = new java.util.LinkedHashSet<>(AUTH_KEYWORDS);
        config.directives().forEach(d -> keywords.add(d.keyword()));
        keywords.removeIf(k -> k.equals("match") || k.equals("include"));
        return keywords.stream().map(k -> config.setting(k, connection)).toList();
    }

    private String text(SshdConfig config, ServerAuthResult result, List<Finding> all, List<Setting> effective,
            Environment environment) {
        TextRenderer printer = new TextRenderer(output.colour(environment), output.verbosity() > 0, Viewpoint.BOTH_ENDS);
        StringBuilder out = new StringBuilder(printer.bold("sshdoctor local --server")).append("  ")
                .append(TerminalText.line(result.account().name())).append("  (")
                .append(TerminalText.line(config.file().toString())).append(")\n");
        out.append("  StrictModes rule: ").append(TerminalText.line(result.rule())).append('\n');
        for (String keys : result.keyFiles()) {
            out.append("  AuthorizedKeysFile: ").append(TerminalText.line(keys)).append('\n');
        }
        if (output.verbosity() > 0) {
            out.append("\nEffective configuration for ").append(TerminalText.line(result.account().name()))
                    .append(" (like sshd -T -C user=…, with the line that set each value):\n");
            for (Setting setting : effective) {
                out.append(String.format(java.util.Locale.ROOT, "  %-30s %-40s %s%n", setting.keyword(),
                        TerminalText.line(String.join(" ", setting.values())), TerminalText.line(setting.source())));
            }
        }
        for (Finding f : all) {
            String text = printer.finding(f);
            if (!text.isEmpty()) {
                out.append('\n').append(text);
            }
        }
        return out.append('\n').append(printer.tally(all)).append('\n').toString();
    }

    private static String json(SshdConfig config, ServerAuthResult result, List<Finding> all, List<Setting> effective) {
        ObjectNode root = JsonRenderer.object();
        root.put("sshdoctor", Version.VALUE);
        root.put("command", "local --server");
        root.put("sshdConfig", config.file().toString());
        root.put("user", result.account().name());
        root.put("strictModesRule", result.rule());
        ArrayNode files = root.putArray("authorizedKeysFiles");
        result.keyFiles().forEach(files::add);
        ArrayNode settings = root.putArray("effectiveConfig");
        for (Setting setting : effective) {
            ObjectNode node = settings.addObject();
            node.put("keyword", setting.keyword());
            setting.values().forEach(node.putArray("values")::add);
            node.put("source", setting.source());
        }
        root.set("findings", JsonRenderer.findings(all));
        root.set("counts", JsonRenderer.counts(all));
        return JsonRenderer.write(root);
    }
}
