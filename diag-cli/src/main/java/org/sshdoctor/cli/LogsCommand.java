package org.sshdoctor.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sshdoctor.logs.EnvelopeParser;
import org.sshdoctor.logs.LogAnalyzer;
import org.sshdoctor.logs.LogFilter;
import org.sshdoctor.logs.LogJson;
import org.sshdoctor.logs.LogPipeline;
import org.sshdoctor.logs.LogReader;
import org.sshdoctor.logs.LogSummary;
import org.sshdoctor.logs.LogSummaryText;
import org.sshdoctor.logs.RotatedFiles;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sshdoctor logs [FILE...]}: reads sshd/sftp/Dropbear logs (files, rotated sets, .gz, standard
 * input; syslog, ISO, RFC 5424, journalctl short/short-iso/json), classifies every line and reports the
 * logins, failures, attacks and problems in them.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        header = "Reads sshd and SFTP logs and tells what happened: logins, failures, attacks, problems.",
        description = {
            "Reads FILEs (a rotated set is read oldest first; .gz is decompressed) or standard input when none is "
                    + "given or FILE is '-'. Understands syslog, ISO/RFC 3339, RFC 5424, journalctl (short, short-iso, "
                    + "-o json) and sshd, sshd-session, sshd-auth, internal-sftp, sftp-server and Dropbear lines.",
            "",
            "Prints a summary first (counts, problems needing action with the article to read, top sources and users), "
                    + "then logins, revoked-key and certificate stories, SFTP transcripts and the lines not recognised.",
            "",
            "Examples:",
            "  sshdoctor logs /var/log/auth.log*",
            "  journalctl -u ssh -o json | sshdoctor logs",
            "  sshdoctor logs --from 192.0.2.0/24 --since 2026-03-14 --json /var/log/secure",
            "  sshdoctor logs --events /var/log/auth.log | jq 'select(.type == \"accepted\")'",
            "  sshdoctor logs -f /var/log/auth.log"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at warning or error level",
            "1:problems needing action (warning or error findings)",
            "2:usage error or unreadable file",
            "3:internal error (a bug in sshdoctor)",
        })
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Log files; '-' or none for standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--events", description = "Print one JSON object per event (JSON lines) instead of the summary.")
    boolean events;

    @Option(names = "--since", paramLabel = "TIME", description = "Only lines at or after TIME: 2026-03-14, 2026-03-14T19:00, '2026-03-14 19:00:00', today, yesterday, or an age (90m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only lines before TIME.")
    String until;

    @Option(names = "--user", paramLabel = "NAME", description = "Only lines naming this account.")
    String user;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Only lines from this address or network (192.0.2.7, 192.0.2.0/24, 2001:db8::/32).")
    String from;

    @Option(names = {"-f", "--follow"}, description = "Keep reading the last FILE as it grows and print each new event (Ctrl-C stops).")
    boolean follow;

    @Option(names = "--year", paramLabel = "YEAR", description = "Year of syslog lines that carry none (default: from each file's modification date).")
    Integer year;

    @Option(names = "--follow-for", hidden = true, paramLabel = "MILLIS", description = "Stop following after MILLIS (tests).")
    long followFor = Long.MAX_VALUE;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws IOException {
        Environment environment = parent.environment();
        LogFilter filter = filter();
        if (follow && (files.isEmpty() || files.contains("-"))) {
            throw new UsageException("--follow needs a FILE to follow, not standard input");
        }
        List<Path> paths = readablePaths();
        LogAnalyzer analyzer = new LogAnalyzer();
        PrintWriter out = environment.out();
        LogPipeline.Listener listener = events ? (e, address) -> out.print(LogJson.eventLine(e, address)) : (e, address) -> { };
        List<String> names = new ArrayList<>();
        if (paths.isEmpty()) {
            names.add("-");
            read("-", environment.in(), parser(LocalDate.now()), filter, analyzer, listener, environment);
        }
        for (Path path : paths) {
            names.add(path.toString());
            try (InputStream in = Files.newInputStream(path)) {
                read(path.toString(), in, parser(Files.getLastModifiedTime(path).toInstant().atZone(ZoneId.systemDefault()).toLocalDate()),
                        filter, analyzer, listener, environment);
            }
        }
        LogSummary summary = analyzer.summary();
        if (!events) {
            String title = names.equals(List.of("-")) ? "standard input" : String.join(", ", names);
            out.print(output.json ? JsonRenderer.write(LogJson.summary(Version.VALUE, names, summary))
                    : new LogSummaryText(output.colour(environment), output.verbosity() > 0).render(title, summary));
        }
        out.flush();
        if (follow) {
            new LogFollower(paths.get(paths.size() - 1), parser(LocalDate.now()), filter, environment, events, followFor).run();
        }
        return summary.needsAction() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private EnvelopeParser parser(LocalDate reference) {
        if (year != null && (year < 1 || year > 9999)) {
            throw new UsageException("--year must be 1..9999, got " + year);
        }
        return new EnvelopeParser(year == null ? reference : LocalDate.of(year, 12, 31), ZoneId.systemDefault());
    }

    private static void read(String name, InputStream raw, EnvelopeParser parser, LogFilter filter, LogAnalyzer analyzer,
            LogPipeline.Listener listener, Environment environment) throws IOException {
        LogPipeline pipeline = new LogPipeline(parser, filter, analyzer, listener);
        try (LogReader reader = new LogReader(refuseBinary(name, LogReader.decompressIfGzip(raw)))) {
            pipeline.readAll(name, reader);
            if (reader.truncatedLines() > 0) {
                environment.err().println("sshdoctor: warning: " + TerminalText.line(name) + ": " + reader.truncatedLines()
                        + " line(s) longer than " + LogReader.MAX_LINE + " bytes were cut");
            }
        } catch (EOFException e) { // a rotated .gz cut short: keep what was read
            environment.err().println("sshdoctor: warning: " + TerminalText.line(name) + ": compressed data ends early; read what was there");
        } catch (IOException e) {
            throw new UsageException("cannot read " + name + ": " + reason(e), e);
        }
    }

    /**
     * wtmp, btmp, journal files and disk images are not logs sshdoctor can read: say so instead of
     * reporting thousands of unrecognised lines. Looks at the first bytes only (after gunzip).
     */
    private static InputStream refuseBinary(String name, InputStream in) throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 65_536);
        buffered.mark(8192);
        byte[] head = buffered.readNBytes(8192);
        buffered.reset();
        if (InputFiles.looksBinary(head)) {
            throw new UsageException("cannot read " + name + ": binary data, not a text log (for wtmp/btmp use last/lastb; "
                    + "for the journal: journalctl -u ssh | sshdoctor logs)");
        }
        return buffered;
    }

    private List<Path> readablePaths() {
        List<Path> paths = new ArrayList<>();
        for (String file : files) {
            if (file.equals("-")) {
                continue;
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read " + file + ": it is a directory (give the log files, e.g. " + file + "/auth.log*)");
            }
            if (!Files.isReadable(path)) {
                throw new UsageException("cannot read " + file + ": " + (Files.exists(path) ? "permission denied (try sudo, or adm group membership)" : "no such file"));
            }
            paths.add(path);
        }
        if (files.contains("-") && !paths.isEmpty()) {
            throw new UsageException("read either standard input ('-') or files, not both");
        }
        return RotatedFiles.oldestFirst(paths);
    }

    private LogFilter filter() {
        try {
            return new LogFilter(time("--since", since), time("--until", until), Optional.ofNullable(user), Optional.ofNullable(from));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static Optional<LocalDateTime> time(String option, String text) {
        return time(option, text, LocalDateTime.now());
    }

    /** ISO dates and times, "today", "yesterday", or an age such as 90m, 2h, 7d before {@code now}. */
    static Optional<LocalDateTime> time(String option, String text, LocalDateTime now) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().replace(' ', 'T');
        if (t.equals("today") || t.equals("yesterday")) {
            return Optional.of(now.toLocalDate().minusDays(t.equals("today") ? 0 : 1).atStartOfDay());
        }
        java.util.regex.Matcher age = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            return Optional.of(switch (age.group(2)) {
                case "s" -> now.minusSeconds(n);
                case "m" -> now.minusMinutes(n);
                case "h" -> now.minusHours(n);
                default -> now.minusDays(n);
            });
        }
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay());
            }
            if (t.length() == 16) {
                t = t + ":00";
            }
            return Optional.of(LocalDateTime.parse(t));
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(option + " needs a date or time such as 2026-03-14, 2026-03-14T19:00, today, 2h or 7d, got '" + text + "'");
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
