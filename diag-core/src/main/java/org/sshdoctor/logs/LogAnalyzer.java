package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Reads events one at a time and builds the {@link LogSummary}: counts, sources, users, logins with
 * durations, SFTP transcripts, credential stories and findings. Memory is bounded whatever the log's
 * size (every table is capped; per-process state is dropped when the connection ends or ages out).
 * Single-threaded.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogAnalyzer {
    private static final int UNRECOGNISED_SAMPLES = 20;

    private final SourceTracker sources = new SourceTracker();
    private final ProcessTracker processes = new ProcessTracker();
    private final SftpTracker sftp = new SftpTracker();
    private final Observations observations = new Observations();
    /*
     * Events per class, in two parallel arrays searched linearly by identity: a log has a dozen or two event
     * classes, the frequent ones are met first, and consecutive events are mostly of different classes, so
     * a short scan costs less per line than hashing the class into a map.
     */
    private Class<?>[] countedClasses = new Class<?>[16];
    private long[] classCounts = new long[16];
    private int classesCounted;
    private final List<LogLine> unrecognised = new ArrayList<>();
    private long lines;
    private long unrecognisedCount;
    private LocalDateTime first;
    private LocalDateTime last;
    private Optional<String> processAddress = Optional.empty();

    /** Adds one event. */
    public void accept(LogEvent event) {
        lines++;
        count(event.getClass());
        Optional<LocalDateTime> time = event.line().time();
        if (time.isPresent()) { // plain code, not a capturing lambda: this runs once per line
            LocalDateTime t = time.get();
            if (last == null || t.isAfter(last)) { // a log mostly runs forward: one comparison a line
                last = t;
                if (first == null) {
                    first = t;
                }
            } else if (t.isBefore(first)) { // first <= last, so a time after last cannot be before first
                first = t;
            }
        }
        processAddress = Optional.empty();
        if (event instanceof LogEvent.Unrecognised) {
            unrecognisedCount++;
            if (unrecognised.size() < UNRECOGNISED_SAMPLES) {
                unrecognised.add(event.line());
            }
            return;
        }
        // Lines such as "Disconnecting: Too many authentication failures" or kex_exchange_identification name
        // no client: an earlier line of the same process did.
        Optional<String> source = event.source();
        processAddress = source.isPresent() ? Optional.empty() : processes.addressOf(event.line());
        sources.accept(event, source.isPresent() ? source : processAddress);
        observe(event, source.orElse(null)); // before the process tracker: a fatal line ends its process, and observe asks it who it was
        processes.accept(event, source);
        sftp.accept(event);
    }

    private void count(Class<?> type) {
        for (int i = 0; i < classesCounted; i++) {
            if (countedClasses[i] == type) {
                classCounts[i]++;
                return;
            }
        }
        if (classesCounted == countedClasses.length) {
            countedClasses = java.util.Arrays.copyOf(countedClasses, classesCounted * 2);
            classCounts = java.util.Arrays.copyOf(classCounts, classesCounted * 2);
        }
        countedClasses[classesCounted] = type;
        classCounts[classesCounted++] = 1;
    }

    /** @param source the client address the line names, or null (asked once per line: each call allocates) */
    private void observe(LogEvent event, String source) {
        if (event instanceof LogEvent.NegotiationFailed n) {
            Observations.add(observations.negotiation, n.what().toLowerCase(Locale.ROOT) + "\t" + String.join(",", n.offer()), source);
        } else if (event instanceof LogEvent.NotAllowed n) {
            Observations.add(observations.notAllowed, n.user() + "\t" + n.reason(), source);
        } else if (event instanceof LogEvent.BadModes b) {
            Observations.add(b.chroot() ? observations.chroot : observations.badModes, b.path(),
                    processes.userOf(b.line()).map(u -> "account " + u).orElse(null));
        } else if (event instanceof LogEvent.SubsystemRequest s && s.failed()) {
            Observations.add(observations.subsystems, s.name(), s.user().or(() -> processes.userOf(s.line()))
                    .map(u -> "account " + u).orElse(null));
        } else if (event instanceof LogEvent.ServerEvent s && s.kind() == LogEvent.ServerEvent.Kind.CONFIG_ERROR) {
            Observations.add(observations.configErrors, s.detail(), s.line().host().isEmpty() ? null : "host " + s.line().host());
        } else if (event instanceof LogEvent.SftpOperation op && (op.operation().equals("status") || op.operation().equals("refused"))) {
            Observations.add(observations.sftpErrors, op.detail(), op.line().host());
        } else if (event instanceof LogEvent.Accepted a && a.user().equals("root") && !a.method().equals("publickey")
                && !a.method().equals("hostbased")) {
            Observations.add(observations.rootPasswordLogins, a.method(), "from " + a.address());
        } else if (event instanceof LogEvent.PreauthTimeout) {
            observations.preauthTimeouts.add(source);
        } else if (event instanceof LogEvent.KeepaliveLost) {
            observations.clientsDropped.add(source);
        } else if (event instanceof LogEvent.Notice n && n.code().startsWith("maxstartups")) {
            observations.maxStartups.add(source);
        } else if (event instanceof LogEvent.ClientVersion v && ownProbe(v.version())) {
            observations.ownProbes.add(source);
        } else if (event instanceof LogEvent.BannerProblem b && b.clientVersion().map(LogAnalyzer::ownProbe).orElse(false)) {
            observations.ownProbes.add(source);
        }
    }

    /**
     * For the event just accepted: the client address of its process when the line itself names none
     * (known from an earlier line of the same pid); empty otherwise.
     */
    public Optional<String> processAddress() {
        return processAddress;
    }

    /** The client address an earlier line of this line's process named (for filters), if any. */
    Optional<String> processAddressOf(LogLine line) {
        return processes.addressOf(line);
    }

    /** The account an earlier line of this line's process named (for filters), if any. */
    Optional<String> processUserOf(LogLine line) {
        return processes.userOf(line);
    }

    /** sshdoctor's probes identify as SSH-2.0-sshdoctor_VERSION. */
    private static boolean ownProbe(String version) {
        return version.toLowerCase(Locale.ROOT).contains("sshdoctor");
    }

    /** The summary of everything read so far (the analyzer can go on reading afterwards). */
    public LogSummary summary() {
        // Every address's summary is built once (up to 20 000 of them): the findings read them all, by
        // attempts; the top ten are the hostile or accepted ones among them, in their own order.
        List<SourceSummary> all = sources.sources(LogAnalyzer::byAttempts, SourceTracker.MAX_SOURCES);
        List<SourceSummary> top = topTen(all);
        List<UserSummary> users = sources.users(Comparator.comparingLong(UserSummary::failures).reversed()
                .thenComparing(UserSummary::user), 10);
        Map<String, Long> byType = new TreeMap<>();
        for (int i = 0; i < classesCounted; i++) {
            byType.put(EventTypes.of(countedClasses[i]), classCounts[i]);
        }
        long other = byType.getOrDefault("other-program", 0L);
        LogSummary.Counts c = new LogSummary.Counts(lines, lines - unrecognisedCount - other, unrecognisedCount, other,
                byType.getOrDefault("debug", 0L), byType);
        List<CredentialStory> stories = processes.credentials();
        List<Login> logins = processes.logins();
        var findings = new LogFindingRules(observations, all, stories, sources, unrecognisedCount, unrecognised).findings();
        return new LogSummary(c, Optional.ofNullable(first), Optional.ofNullable(last), top,
                sources.sourceCount(), users, logins, processes.loginCount(), sftp.transcripts(), sftp.totals(), sftp.overall(),
                stories, unrecognised, findings);
    }

    /*
     * The summary runs once per log but over up to 20 000 sources, and in the CLI it runs cold (interpreted or
     * C1): the orders are written out rather than composed from Comparator.comparingLong(..).reversed()
     * .thenComparing(..) (a chain of four calls per comparison, a quarter of the summary's time), and the top
     * ten are selected rather than sorted out of thousands.
     */

    /** Most attempts first, then by address. */
    private static int byAttempts(SourceSummary a, SourceSummary b) {
        int order = Long.compare(b.attempts(), a.attempts());
        return order != 0 ? order : a.address().compareTo(b.address());
    }

    /** Most hostile first, then most logins, then by address. */
    private static int byHostility(SourceSummary a, SourceSummary b) {
        int order = Long.compare(b.hostile(), a.hostile());
        if (order == 0) {
            order = Long.compare(b.accepted(), a.accepted());
        }
        return order != 0 ? order : a.address().compareTo(b.address());
    }

    /** The ten first hostile or accepted sources by {@link #byHostility}, as a sort would give them (addresses are unique: no ties). */
    private static List<SourceSummary> topTen(List<SourceSummary> all) {
        List<SourceSummary> best = new ArrayList<>(11);
        for (SourceSummary source : all) {
            if (source.hostile() == 0 && source.accepted() == 0
                    || best.size() == 10 && byHostility(source, best.get(9)) >= 0) {
                continue;
            }
            int at = best.size();
            while (at > 0 && byHostility(source, best.get(at - 1)) < 0) {
                at--;
            }
            best.add(at, source);
            if (best.size() > 10) {
                best.remove(10);
            }
        }
        return List.copyOf(best);
    }

    /** Processes followed right now: stays flat on a long log (for the memory test). */
    int liveProcesses() {
        return processes.liveProcesses();
    }
}
