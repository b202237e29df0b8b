package org.sshdoctor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.fleet.FleetInput;
import org.sshdoctor.fleet.FleetJson;
import org.sshdoctor.fleet.FleetScan;
import org.sshdoctor.fleet.FleetSummary;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.ssh.HandshakeOptions;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code sshdoctor scan [-f FILE] [TARGET…]}: diagnoses many hosts concurrently. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "Diagnoses many hosts at once.",
        description = {"Targets come from the command line and from -f FILE: one target per line (# comments), "
                + "an OpenSSH known_hosts file, or an ssh_config file (its Host names); '-f -' reads stdin. "
                + "At most " + FleetScan.PER_HOST + " diagnoses run at once against the same host, so the scan "
                + "does not trip the servers' MaxStartups. The public-key step of a single diagnosis is left out: "
                + "it would show every server your keys and leave failed-login lines in their logs.",
            "Across hosts, the summary shows what no single-host check can: the same host key on several servers "
                + "(cloned images), hosts whose keys differ from known_hosts, and servers that some OpenSSH releases "
                + "(7.4, 8.8, 9.2, 10.2 defaults) reach only through legacy algorithms.",
            "With --json, prints one complete JSON object per target and line (JSON lines), as each finishes, "
                + "then one last line {\"summary\": {...}} with the fleet views."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no host has warning or error findings",
            "1:some host has warning or error findings, could not be reached, or a fleet view found a problem",
            "2:usage error or unreadable input",
            "3:internal error (a bug in sshdoctor)",
        })
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Servers to diagnose.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read targets from FILE ('-' for stdin); repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", description = "Diagnoses at once (default: 16 per core, at most 64).")
    Integer concurrency;

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "Port for targets that name none.")
    String port;

    @Option(names = {"-l", "--user"}, paramLabel = "NAME", description = "User for targets that name none.")
    String user;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Time allowed per phase. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Check host keys against FILE instead of the usual known_hosts files (read only); repeatable.")
    List<Path> knownHosts;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws InterruptedException {
        Environment environment = parent.environment();
        List<Target> fleet = readTargets(environment);
        if (fleet.isEmpty()) {
            throw new UsageException("no targets: name them on the command line or with -f FILE");
        }
        int n = concurrency == null ? FleetScan.defaultConcurrency() : concurrency;
        if (n < 1 || n > 1024) {
            throw new UsageException("--concurrency must be 1..1024, got " + n);
        }
        DiagnosisOptions options = DiagnosisOptions.withPhaseTimeout(SshDoctorCommand.parseTimeout(timeout));
        Report[] reports = new Report[fleet.size()];
        FleetSummary summary = new FleetSummary();
        Progress progress = new Progress(environment, fleet.size(), environment.stdoutIsTerminal() && !output.json);
        JsonRenderer json = new JsonRenderer(Version.VALUE);
        // One SSH client for the whole scan, stopped when the doctor closes.
        try (Doctor doctor = Doctor.fleet(handshakeOptions())) {
            new FleetScan(doctor, options, n).run(fleet, host -> {
                Report report = host.report();
                reports[host.index()] = report;
                summary.add(host);
                synchronized (environment.out()) {
                    if (output.json) {
                        environment.out().print(JsonRenderer.writeCompact(json.toTree(report)));
                        environment.out().flush();
                    }
                }
                progress.done(FleetSummary.outcomeOf(report) != FleetSummary.Outcome.OK);
            });
        }
        progress.finish();
        if (output.json) {
            environment.out().print(JsonRenderer.writeCompact(FleetJson.summary(summary, fleet.size())));
        } else {
            environment.out().print(text(reports, summary));
            environment.out().print(FleetText.views(summary));
        }
        environment.out().flush();
        boolean clean = summary.count(FleetSummary.Outcome.OK) == fleet.size()
                && summary.findings().stream().noneMatch(f -> f.severity().needsAction());
        return clean ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    /** --known-hosts, checked: an unreadable file is a usage error, as for a single diagnosis. */
    private HandshakeOptions handshakeOptions() {
        HandshakeOptions options = HandshakeOptions.defaults();
        if (knownHosts != null) {
            for (Path file : knownHosts) {
                InputFiles.text("--known-hosts", file, InputFiles.MAX_TEXT_BYTES);
            }
            options = options.withKnownHosts(knownHosts);
        }
        return options;
    }

    private List<Target> readTargets(Environment environment) {
        List<FleetInput.Entry> entries = new ArrayList<>();
        for (String target : targets) {
            entries.add(new FleetInput.Entry(target, "command line"));
        }
        for (String file : files) {
            FleetInput input = FleetInput.parse(readLines(environment, file), file.equals("-") ? "stdin" : file);
            entries.addAll(input.targets());
            if (!input.skipped().isEmpty() && !output.json) {
                environment.err().println("sshdoctor: " + input.skipped().size() + " entr"
                        + (input.skipped().size() == 1 ? "y" : "ies") + " of " + file + " (" + input.kind()
                        + ") name no host and were skipped, e.g. " + input.skipped().get(0));
            }
        }
        OptionalInt portFlag = port == null ? OptionalInt.empty() : OptionalInt.of(parsePort());
        List<Target> fleet = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FleetInput.Entry entry : entries) {
            try {
                Target target = TargetSpec.parse(entry.target()).toTarget(OptionalInt.empty(), Optional.empty(),
                        user == null ? System.getProperty("user.name") : user);
                if (portFlag.isPresent() && !TargetSpec.parse(entry.target()).port().isPresent()) {
                    target = new Target(target.name(), target.hostName(), portFlag.getAsInt(), target.user());
                }
                if (seen.add(target.user() + "@" + target.endpoint())) {
                    fleet.add(target);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(entry.origin() + ": " + e.getMessage());
            }
        }
        return fleet;
    }

    private int parsePort() {
        try {
            return TargetSpec.parsePort(port, "-p " + port);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<String> readLines(Environment environment, String file) {
        try {
            if (file.equals("-")) {
                return new String(environment.in().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read " + file + ": it is a directory; give a file of targets");
            }
            if (!Files.exists(path)) {
                throw new NoSuchFileException(file);
            }
            return Files.readAllLines(InputFiles.text("cannot read", path, InputFiles.MAX_TEXT_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException("cannot read " + file + ": not UTF-8 text (is it a binary file?)");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(Report[] reports, FleetSummary summary) {
        StringBuilder out = new StringBuilder();
        int width = 8;
        for (Report report : reports) {
            width = Math.max(width, report.target().endpoint().length());
        }
        for (Report report : reports) {
            FleetSummary.Outcome outcome = FleetSummary.outcomeOf(report);
            String worst = report.findings().stream().filter(f -> f.severity().needsAction())
                    .max(java.util.Comparator.comparing(Finding::severity))
                    .map(f -> "[" + f.id() + "] " + f.title()).orElse(report.probe("banner")
                            .map(p -> p.summary()).orElse(""));
            out.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %-11s  %s%n",
                    report.target().endpoint(), outcome.label(), TerminalText.line(worst)));
        }
        out.append('\n').append(reports.length).append(" host(s): ")
                .append(summary.count(FleetSummary.Outcome.OK)).append(" ok, ")
                .append(summary.count(FleetSummary.Outcome.PROBLEMS)).append(" with problems, ")
                .append(summary.count(FleetSummary.Outcome.UNREACHABLE)).append(" unreachable");
        int throttled = summary.count(FleetSummary.Outcome.THROTTLED);
        if (throttled > 0) {
            // Busy, not broken: say so, and how to get complete results.
            out.append(", ").append(throttled).append(" throttling our connections (MaxStartups or PerSourcePenalties;"
                    + " scan them with --concurrency 1, or raise MaxStartups)");
        }
        out.append('\n');
        List<FleetSummary.Common> common = summary.mostCommon(5);
        if (!common.isEmpty()) {
            out.append("\nMost common findings:\n");
            for (FleetSummary.Common c : common) {
                out.append(String.format(java.util.Locale.ROOT, "  %4d  %-30s %s%n", c.hosts().size(), c.id(),
                        TerminalText.line(c.title())));
            }
        }
        return out.toString();
    }

    /** A progress line on stderr, only on a terminal: done/total, rate, ETA, failures so far. */
    private static final class Progress {
        private final Environment environment;
        private final int total;
        private final boolean enabled;
        private final long start = System.nanoTime();
        private int done;
        private int failures;
        private long lastDraw;

        Progress(Environment environment, int total, boolean enabled) {
            this.environment = environment;
            this.total = total;
            this.enabled = enabled;
        }

        synchronized void done(boolean failed) {
            done++;
            failures += failed ? 1 : 0;
            long now = System.nanoTime();
            if (enabled && (now - lastDraw > 100_000_000L || done == total)) {
                lastDraw = now;
                double seconds = Math.max(0.001, (now - start) / 1e9);
                double rate = done / seconds;
                long eta = Math.round((total - done) / Math.max(rate, 0.001));
                int filled = total == 0 ? 0 : 30 * done / total;
                environment.err().print(String.format(java.util.Locale.ROOT, "\r[%s%s] %d/%d  %.1f/s  ETA %ds  %d with problems ",
                        "=".repeat(filled), " ".repeat(30 - filled), done, total, rate, eta, failures));
                environment.err().flush();
            }
        }

        synchronized void finish() {
            if (enabled) {
                environment.err().print("\r" + " ".repeat(80) + "\r");
                environment.err().flush();
            }
        }
    }
}
