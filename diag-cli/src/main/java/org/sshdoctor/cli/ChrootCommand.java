package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sshdoctor.local.ChrootCheck;
import org.sshdoctor.local.ChrootFindings;
import org.sshdoctor.local.ChrootRequest;
import org.sshdoctor.local.ChrootResult;
import org.sshdoctor.local.ChrootTargets;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import org.sshdoctor.render.TextRenderer.Viewpoint;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.sshd.SshdCrossCheck;
import org.sshdoctor.sshd.SshdFindings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sshdoctor chroot}: checks a ChrootDirectory before deployment, as sshd will at login. */
@Command(
        name = "chroot",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "Checks an SFTP/SSH chroot exactly as sshd will at login, before you deploy it.",
        description = {"Expands ~, %%h, %%u, %%U and %%%% for the user, walks every component from / and reports each "
                + "one that is not owned by root or is writable by group or others, with the line sshd logs, "
                + "then what the SFTP session needs inside the jail (internal-sftp -d start directory, /dev/log).",
            "",
            "Without PATH, the ChrootDirectory comes from sshd_config (Match User/Group applied): for --user NAME, "
                    + "or for every account that gets one with --all-users. Reads files only; changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every chroot passes (info findings at most)",
            "1:warning or error findings: sshd would refuse a login or the jail is incomplete",
            "2:usage error or unreadable input",
            "3:internal error (a bug in sshdoctor)",
        })
final class ChrootCommand implements Callable<Integer> {
    private static final Path DEFAULT_CONFIG = Path.of("/etc/ssh/sshd_config");
    private static final int MAX_CROSS_CHECKS = 10;

    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "A chroot path to check (may hold %%h %%u %%U with --user).")
    String path;

    @Option(names = "--sshd-config", paramLabel = "FILE", description = "sshd_config to read (default: /etc/ssh/sshd_config).")
    Path sshdConfig;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "Check the chroot of this user.")
    String user;

    @Option(names = "--all-users", description = "Check the chroot of every account sshd_config gives one.")
    boolean allUsers;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the result as JUnit XML (for CI test reports).")
    Path junit;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws IOException {
        Environment environment = parent.environment();
        if (user != null && allUsers) {
            throw new UsageException("give --user NAME or --all-users, not both");
        }
        if (path != null && allUsers) {
            throw new UsageException("--all-users reads the paths from sshd_config: leave out PATH");
        }
        if (path == null && user == null && !allUsers) {
            throw new UsageException("nothing to check: give a PATH, --user NAME or --all-users (see 'sshdoctor chroot --help')");
        }
        if (junit != null) {
            InputFiles.output("--junit", junit); // before the work, so a typo does not cost the run
        }
        Accounts accounts = Accounts.system();
        Optional<Account> account = Optional.ofNullable(user).map(name -> accounts.byName(name).orElseThrow(
                () -> new UsageException("no account named '" + name + "' on this system (getent passwd " + name + ")")));
        Optional<SshdConfig> config = readConfig(path == null || sshdConfig != null);
        List<Finding> configFindings = config.map(SshdFindings::of).orElse(List.of());
        List<ChrootRequest> requests = new ArrayList<>();
        List<Finding> extra = new ArrayList<>(configFindings);
        if (path != null) {
            Optional<String> sftp = config.flatMap(c -> account.flatMap(a -> {
                ChrootTargets targets = new ChrootTargets(c, accounts);
                return targets.sftpCommand(targets.spec(a));
            }));
            requests.add(new ChrootRequest(path, "command line", account, sftp));
        } else {
            ChrootTargets targets = new ChrootTargets(config.orElseThrow(), accounts);
            if (allUsers) {
                requests.addAll(targets.allUsers());
                if (requests.isEmpty()) {
                    extra.add(notConfigured("No account gets a ChrootDirectory from " + config.get().file(), Severity.INFO));
                }
            } else {
                targets.forUser(account.orElseThrow()).ifPresentOrElse(requests::add, () -> extra.add(notConfigured(
                        "No ChrootDirectory applies to " + user + " in " + config.get().file(), Severity.WARNING)));
            }
        }
        List<Account> checked = new ArrayList<>();
        account.ifPresent(checked::add);
        requests.forEach(r -> r.account().filter(a -> !checked.contains(a)).ifPresent(checked::add));
        config.ifPresent(c -> extra.addAll(crossCheck(c, accounts, checked)));
        ChrootCheck check = new ChrootCheck(accounts);
        List<ChrootResult> results = new ArrayList<>();
        for (ChrootRequest request : requests) {
            try {
                results.add(check.check(request));
            } catch (ChrootCheck.MissingUserException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        List<Finding> all = new ArrayList<>(extra);
        results.forEach(r -> all.addAll(r.findings()));
        if (junit != null) {
            writeJunit(results, extra);
        }
        environment.out().print(output.json ? json(config, results, extra, all) : text(config, results, extra, all, environment));
        environment.out().flush();
        return all.stream().anyMatch(f -> f.severity().needsAction()) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private Optional<SshdConfig> readConfig(boolean wanted) {
        if (!wanted) {
            return Optional.empty();
        }
        Path file = sshdConfig == null ? DEFAULT_CONFIG : sshdConfig;
        if (sshdConfig == null && !Files.isReadable(file)) {
            throw new UsageException("cannot read sshd config " + file + (Files.exists(file)
                    ? ": permission denied; run as root" : ": no such file; give --sshd-config FILE"));
        }
        InputFiles.text("cannot read sshd config", file, InputFiles.MAX_TEXT_BYTES);
        try {
            return Optional.of(SshdConfig.read(file));
        } catch (IOException e) {
            throw new UsageException("cannot read sshd config " + file + ": " + e.getMessage(), e);
        }
    }

    /** sshd -T is the authority: compare our reading for the first users checked (one sshd run each). */
    private static List<Finding> crossCheck(SshdConfig config, Accounts accounts, List<Account> users) {
        ChrootTargets targets = new ChrootTargets(config, accounts);
        List<Finding> findings = new ArrayList<>();
        users.stream().limit(MAX_CROSS_CHECKS).forEach(a -> {
            for (Finding f : SshdCrossCheck.system().compare(config, targets.spec(a))) {
                if (!findings.contains(f)) {
                    findings.add(f);
                }
            }
        });
        return findings;
    }

    private static Finding notConfigured(String title, Severity severity) {
        return Finding.of(ChrootFindings.NOT_CONFIGURED, severity).title(title)
                .detail("ChrootDirectory is unset or none for this connection (Match User/Group applied; Match "
                        + "Host/Address blocks need a client and are not applied), so sshd does not chroot.")
                .fix("Check the Match block: sshd -T -C user=NAME | grep -i chrootdirectory").build();
    }

    private static String caseName(ChrootResult r) {
        String who = r.request().account().map(Account::name).orElse("path");
        return who + ": " + r.expanded().orElse(r.request().configured());
    }

    private void writeJunit(List<ChrootResult> results, List<Finding> extra) {
        JUnitReport report = new JUnitReport("sshdoctor.chroot");
        if (!extra.isEmpty()) {
            report.add("sshd_config", extra);
        }
        results.forEach(r -> report.add(caseName(r), r.findings()));
        try {
            report.write(junit);
        } catch (IOException e) {
            throw new UsageException("cannot write --junit " + junit + ": " + e.getMessage(), e);
        }
    }

    private String text(Optional<SshdConfig> config, List<ChrootResult> results, List<Finding> extra,
            List<Finding> all, Environment environment) {
        TextRenderer printer = new TextRenderer(output.colour(environment), output.verbosity() > 0, Viewpoint.BOTH_ENDS);
        StringBuilder out = new StringBuilder(printer.bold("sshdoctor chroot"));
        config.ifPresent(c -> out.append("  ").append(TerminalText.line(c.file().toString())));
        out.append("\n");
        extra.forEach(f -> out.append('\n').append(printer.finding(f)));
        for (ChrootResult r : results) {
            ChrootRequest q = r.request();
            out.append('\n').append(printer.bold(TerminalText.line(q.account().map(Account::name).orElse("path"))))
                    .append("  ChrootDirectory ").append(TerminalText.line(q.configured()));
            r.expanded().filter(e -> !e.equals(q.configured())).ifPresent(e -> out.append(" -> ").append(TerminalText.line(e)));
            out.append("  (").append(TerminalText.line(q.source())).append(")\n");
            boolean shown = false;
            for (Finding f : r.findings()) {
                String text = printer.finding(f);
                shown |= !text.isEmpty();
                out.append(text);
            }
            if (!shown) {
                out.append("    ").append(printer.green("ok")).append("  every component is root-owned and not group/other-writable\n");
            }
        }
        return out.append('\n').append(printer.tally(all)).append('\n').toString();
    }

    private String json(Optional<SshdConfig> config, List<ChrootResult> results, List<Finding> extra, List<Finding> all) {
        ObjectNode root = JsonRenderer.object();
        root.put("sshdoctor", Version.VALUE);
        root.put("command", "chroot");
        config.ifPresentOrElse(c -> root.put("sshdConfig", c.file().toString()), () -> root.putNull("sshdConfig"));
        root.set("configFindings", JsonRenderer.findings(extra));
        ArrayNode checks = root.putArray("checks");
        for (ChrootResult r : results) {
            ObjectNode node = checks.addObject();
            r.request().account().ifPresentOrElse(a -> node.put("user", a.name()), () -> node.putNull("user"));
            node.put("chrootDirectory", r.request().configured());
            node.put("setAt", r.request().source());
            r.expanded().ifPresentOrElse(e -> node.put("expanded", e), () -> node.putNull("expanded"));
            r.request().sftpCommand().ifPresent(c -> node.put("sftpCommand", c));
            node.put("passed", !r.needsAction());
            node.set("findings", JsonRenderer.findings(r.findings()));
        }
        root.set("counts", JsonRenderer.counts(all));
        return JsonRenderer.write(root);
    }
}
