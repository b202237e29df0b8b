package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sshdoctor.local.Account;
import org.sshdoctor.local.Accounts;
import org.sshdoctor.local.ChrootTargets;
import org.sshdoctor.local.ServerAuthCheck;
import org.sshdoctor.local.ServerAuthResult;
import org.sshdoctor.local.SshdBuild;
import org.sshdoctor.model.Finding;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.sshd.SshdCrossCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sshdoctor local --server}: why sshd refuses a user's keys, checked on the server. (The
 * client-side {@code local} checks come from another part of the project and are merged here.)
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "Local file checks, no network. With --server: why sshd refuses a user's keys.",
        description = {"--server checks, as the installed sshd would: the account (locked, shell, AllowUsers/DenyUsers/"
                + "AllowGroups/DenyGroups), every AuthorizedKeysFile (StrictModes owners and modes from the file up to "
                + "the home directory, with Debian's private-group rule when this sshd has it, readability by the user, "
                + "and a lint of each line), RevokedKeys and the host key files. sshd_config is resolved with its "
                + "Include and Match blocks for the user, and cross-checked with sshd -T when possible. Run as root."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:sshd would accept the user's keys (info findings at most)",
            "1:warning or error findings",
            "2:usage error or unreadable input",
            "3:internal error (a bug in sshdoctor)",
        })
final class LocalCommand implements Callable<Integer> {
    private static final Path DEFAULT_CONFIG = Path.of("/etc/ssh/sshd_config");
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @ParentCommand
    SshDoctorCommand parent;

    @Option(names = "--server", description = "Check the server side: why sshd refuses this user's keys.")
    boolean server;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME",
            description = "The user to check (default: $SUDO_USER, else the current user).")
    String user;

    @Option(names = "--sshd-config", paramLabel = "FILE", description = "sshd_config to read (default: /etc/ssh/sshd_config).")
    Path sshdConfig;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        if (!server) {
            throw new UsageException("the client-side checks of 'sshdoctor local' are not in this build; "
                    + "use 'sshdoctor local --server [--user NAME]' on the server");
        }
        Accounts accounts = Accounts.system();
        String name = user != null ? user : environment.variable("SUDO_USER").orElse(System.getProperty("user.name"));
        Account account = accounts.byName(name).orElseThrow(() -> new UsageException(
                "no account named '" + name + "' on this system (getent passwd " + name + ")"));
        Path file = sshdConfig == null ? DEFAULT_CONFIG : sshdConfig;
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read sshd config " + file + (Files.exists(file)
                    ? ": permission denied; run as root" : ": no such file; give --sshd-config FILE"));
        }
        SshdConfig config;
        try {
            config = SshdConfig.read(file);
        } catch (IOException e) {
            throw new UsageException("cannot read sshd config " + file + ": " + e.getMessage(), e);
        }
        ServerAuthResult result = new ServerAuthCheck(accounts, SshdBuild.of(SSHD)).check(config, account);
        List<Finding> all = new ArrayList<>(SshdCrossCheck.system().compare(config,
                new ChrootTargets(config, accounts).spec(account)));
        all.addAll(result.findings());
        environment.out().print(output.json ? json(config, result, all) : text(config, result, all, environment));
        environment.out().flush();
        return all.stream().anyMatch(f -> f.severity().needsAction()) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private String text(SshdConfig config, ServerAuthResult result, List<Finding> all, Environment environment) {
        FindingText printer = new FindingText(output.colour(environment), output.verbosity() > 0);
        StringBuilder out = new StringBuilder(printer.paint("1", "sshdoctor local --server")).append("  ")
                .append(TerminalText.line(result.account().name())).append("  (")
                .append(TerminalText.line(config.file().toString())).append(")\n");
        out.append("  StrictModes rule: ").append(TerminalText.line(result.rule())).append('\n');
        for (String keys : result.keyFiles()) {
            out.append("  AuthorizedKeysFile: ").append(TerminalText.line(keys)).append('\n');
        }
        for (Finding f : all) {
            String text = printer.finding(f);
            if (!text.isEmpty()) {
                out.append('\n').append(text);
            }
        }
        return out.append('\n').append(printer.tally(all)).append('\n').toString();
    }

    private static String json(SshdConfig config, ServerAuthResult result, List<Finding> all) {
        ObjectNode root = JsonRenderer.object();
        root.put("sshdoctor", Version.VALUE);
        root.put("command", "local --server");
        root.put("sshdConfig", config.file().toString());
        root.put("user", result.account().name());
        root.put("strictModesRule", result.rule());
        ArrayNode files = root.putArray("authorizedKeysFiles");
        result.keyFiles().forEach(files::add);
        FindingJson.addFindings(root.putArray("findings"), all);
        root.set("counts", FindingJson.counts(all));
        return JsonRenderer.write(root);
    }
}
