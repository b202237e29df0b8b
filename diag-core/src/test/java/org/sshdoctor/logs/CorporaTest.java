package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The other log tools' own test inputs and expected results (shared/corpora/logs, outside the
 * repository because several are GPL): lines recognised, and event type, address and user agreeing
 * with each project's expectation. Skipped when the folder is absent (e.g. a clone elsewhere). Each
 * corpus prints its accuracy; below 95 % fails.
 */
class CorporaTest {
    private static final double REQUIRED = 0.95;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Agreement count for one corpus, with the disagreements for the failure message. */
    private static final class Score {
        final String corpus;
        int checked;
        int agreed;
        final List<String> misses = new ArrayList<>();

        Score(String corpus) {
            this.corpus = corpus;
        }

        void check(boolean ok, String line, String why) {
            checked++;
            if (ok) {
                agreed++;
            } else if (misses.size() < 15) {
                misses.add(why + ": " + line);
            }
        }

        void report() {
            double accuracy = checked == 0 ? 1 : (double) agreed / checked;
            System.out.printf("corpus %-28s %4d/%-4d lines agree (%.1f %%)%n", corpus, agreed, checked, accuracy * 100);
            misses.forEach(m -> System.out.println("    " + m));
            assertTrue(checked > 0, corpus + ": nothing checked");
            assertTrue(accuracy >= REQUIRED, () -> corpus + String.format(": %.1f %% < 95 %%; misses: ", accuracy * 100) + misses);
        }
    }

    private static Path corpus(String name) {
        Optional<Path> root = LogTesting.corpora();
        assumeTrue(root.isPresent(), "shared/corpora/logs not found above " + System.getProperty("user.dir"));
        Path path = root.get().resolve(name);
        assumeTrue(Files.exists(path), path + " missing");
        return path;
    }

    private static List<String> lines(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }

    private static boolean recognised(LogEvent e) {
        return !(e instanceof LogEvent.Unrecognised) && !(e instanceof LogEvent.OtherProgram);
    }

    @Test
    void fail2ban() throws IOException {
        for (String file : List.of("sshd", "sshd-journal")) {
            Score score = new Score("fail2ban/" + file);
            Path path = corpus("fail2ban/" + file);
            List<String> lines = lines(path);
            // fail2ban follows a pid across lines; so does sshdoctor: run the file as one log, then compare per line.
            Map<Long, LogEvent> events = new HashMap<>();
            Map<Long, Optional<String>> context = new HashMap<>();
            LogPipeline pipeline = new LogPipeline(new EnvelopeParser(2005, java.time.ZoneOffset.UTC), LogFilter.none(),
                    new LogAnalyzer(), (event, address) -> {
                        events.put(event.line().number(), event);
                        context.put(event.line().number(), address);
                    });
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("#")) {
                    pipeline.line(file, i + 1, lines.get(i));
                }
            }
            for (int i = 0; i + 1 < lines.size(); i++) {
                String comment = lines.get(i);
                if (!comment.startsWith("# failJSON:")) {
                    continue;
                }
                JsonNode expected = JSON.readTree(comment.substring("# failJSON:".length()));
                String line = lines.get(i + 1);
                long number = i + 2;
                LogEvent event = events.get(number);
                if (event == null) {
                    continue; // a comment followed by a comment or a blank line
                }
                Optional<String> source = event.source().or(() -> context.get(number));
                boolean ok = recognised(event);
                String why = "not recognised (" + event.type() + ")";
                if (ok && expected.path("match").asBoolean() && expected.hasNonNull("host")) {
                    ok = source.equals(Optional.of(Addresses.normalise(expected.get("host").asText())));
                    why = "host " + expected.get("host").asText() + " != " + source;
                }
                if (ok && expected.path("match").asBoolean() && expected.has("user") && !expected.get("user").isNull()) {
                    ok = event.account().orElse("").equals(expected.get("user").asText());
                    why = "user " + expected.get("user").asText() + " != " + event.account();
                }
                score.check(ok, line, why);
            }
            score.report();
        }
    }

    @Test
    void sshguard() throws IOException {
        Score score = new Score("sshguard/tests.txt (SSH)");
        List<String> lines = lines(corpus("sshguard/tests.txt"));
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("####")) {
                section = line;
                continue;
            }
            boolean ssh = section.startsWith("#### SSH") || section.startsWith("#### Banner formats");
            if (!ssh || line.startsWith("#") || line.isBlank() || i + 2 >= lines.size() || !lines.get(i + 2).equals("M")) {
                continue;
            }
            String expected = lines.get(i + 1);
            LogEvent event = LogTesting.one(line);
            if (expected.equals("*")) {
                score.check(recognised(event) && !Signals.hostile(event), line, "not an attack, but " + event.type());
            } else {
                String address = expected.split(" ")[1];
                score.check(recognised(event) && Signals.hostile(event) && event.source().equals(Optional.of(address)), line,
                        "attack from " + address + ", got " + event.type() + " " + event.source());
            }
            i += 2;
        }
        score.report();
    }

    private static final Pattern CROWDSEC = Pattern.compile(
            "results\\[\"s01-parse\"\\]\\[\"crowdsecurity/(?:sshd-logs|sshd-success-logs)\"\\]\\[(\\d+)\\]\\.Evt\\.Meta\\[\"(source_ip|target_user|log_type)\"\\] == \"(.*)\"");

    @Test
    void crowdsec() throws IOException {
        Score score = new Score("crowdsec hub tests");
        try (Stream<Path> dirs = Files.list(corpus("crowdsec"))) {
            for (Path dir : dirs.sorted().toList()) {
                List<Path> logs;
                try (Stream<Path> files = Files.list(dir)) {
                    logs = files.filter(f -> f.toString().endsWith(".log")).toList();
                }
                if (logs.isEmpty()) {
                    continue;
                }
                List<String> lines = lines(logs.get(0));
                Map<Integer, Map<String, String>> expected = new HashMap<>();
                Path asserts = dir.resolve("parser.assert");
                if (Files.exists(asserts)) {
                    for (String a : lines(asserts)) {
                        Matcher m = CROWDSEC.matcher(a);
                        if (m.matches()) {
                            expected.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new HashMap<>()).put(m.group(2), m.group(3));
                        }
                    }
                }
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) {
                        continue; // blank lines are skipped by the pipeline, as by CrowdSec
                    }
                    LogEvent event = LogTesting.one(line);
                    Map<String, String> want = expected.getOrDefault(i, Map.of());
                    boolean ok = recognised(event);
                    String why = "not recognised";
                    if (ok && want.containsKey("source_ip")) {
                        ok = event.source().equals(Optional.of(want.get("source_ip")));
                        why = "source " + want.get("source_ip") + " != " + event.source();
                    }
                    if (ok && want.containsKey("target_user")) {
                        ok = event.account().equals(Optional.of(want.get("target_user")));
                        why = "user " + want.get("target_user") + " != " + event.account();
                    }
                    if (ok && want.containsKey("log_type")) {
                        ok = logType(want.get("log_type")).test(event);
                        why = "log_type " + want.get("log_type") + " but " + event.type();
                    }
                    score.check(ok, dir.getFileName() + ": " + line, why);
                }
            }
        }
        score.report();
    }

    private static Predicate<LogEvent> logType(String type) {
        return switch (type) {
            case "ssh_failed-auth" -> Signals::authFailure;
            case "auth_success" -> e -> e instanceof LogEvent.Accepted;
            case "ssh_bad_keyexchange" -> e -> e instanceof LogEvent.NegotiationFailed;
            case "ssh_auth_timeout" -> e -> e instanceof LogEvent.PreauthTimeout;
            case "ssh_refused_conn" -> e -> e instanceof LogEvent.Notice n && n.code().equals("tcp-wrappers-refused");
            case "ssh_dispatch_fatal" -> e -> e instanceof LogEvent.Notice n && n.code().equals("protocol-error");
            default -> e -> true;
        };
    }

    private static final Pattern INI_LOG = Pattern.compile("log \\d+ (pass|fail) = (.*)");
    private static final Pattern INI_RULE = Pattern.compile("rule = (\\d+)");
    /** Wazuh/OSSEC rule ids whose meaning maps onto an event type. */
    private static final Map<String, Predicate<LogEvent>> RULES = Map.of(
            "5710", e -> e instanceof LogEvent.InvalidUser || e instanceof LogEvent.PamFailure || e instanceof LogEvent.Failed,
            "5716", Signals::authFailure,
            "5758", e -> e instanceof LogEvent.TooManyFailures,
            "5755", e -> e instanceof LogEvent.BadModes,
            "5715", e -> e instanceof LogEvent.Accepted,
            "5756", e -> e instanceof LogEvent.SubsystemRequest s && s.failed());

    @Test
    void wazuhAndOssec() throws IOException {
        for (String file : List.of("wazuh/sshd.ini", "wazuh/macos-sshd.ini", "ossec/sshd.ini")) {
            Score score = new Score(file);
            List<String> lines = lines(corpus(file));
            List<String> block = new ArrayList<>();
            for (String raw : lines) {
                Matcher log = INI_LOG.matcher(raw);
                Matcher rule = INI_RULE.matcher(raw);
                if (log.matches()) {
                    block.add(log.group(1) + "\t" + log.group(2));
                } else if (rule.matches()) {
                    for (String entry : block) {
                        String[] parts = entry.split("\t", 2);
                        LogEvent event = LogTesting.one(parts[1]);
                        boolean ok = recognised(event);
                        if (ok && parts[0].equals("pass") && RULES.containsKey(rule.group(1))) {
                            ok = RULES.get(rule.group(1)).test(event);
                        }
                        score.check(ok, parts[1], "rule " + rule.group(1) + ", got " + event.type());
                    }
                    block.clear();
                }
            }
            score.report();
        }
        Score entries = new Score("wazuh/log-entries-sshd");
        for (String line : lines(corpus("wazuh/log-entries-sshd"))) {
            if (!line.isBlank()) {
                LogEvent event = LogTesting.one(line);
                entries.check(recognised(event), line, "not recognised");
            }
        }
        entries.report();
    }

    private static final Pattern PDB_MESSAGE = Pattern.compile("<test_message program=\"sshd\">(.*?)</test_message>");
    private static final Pattern PDB_VALUE = Pattern.compile("<test_value name=\"([^\"]+)\"[^>]*>(.*?)</test_value>");

    @Test
    void syslogNgPatternDb() throws IOException {
        Score score = new Score("syslog-ng patterndb");
        for (String file : List.of("syslog-ng-patterndb/access-sshd.pdb", "syslog-ng-patterndb/applications-openssh-sshd.xml")) {
            String text = Files.readString(corpus(file));
            for (String example : text.split("<example>")) {
                Matcher message = PDB_MESSAGE.matcher(example);
                if (!message.find()) {
                    continue;
                }
                String line = unescape(message.group(1));
                LogEvent event = LogTesting.one(line);
                Map<String, String> values = new HashMap<>();
                Matcher value = PDB_VALUE.matcher(example);
                while (value.find()) {
                    values.put(value.group(1), unescape(value.group(2)));
                }
                boolean ok = recognised(event);
                String why = "not recognised";
                String ip = Optional.ofNullable(values.get("ssh.src.ip")).or(() -> Optional.ofNullable(values.get("usracct.device")))
                        .or(() -> Optional.ofNullable(values.get("ssh.ip"))).orElse(null);
                // a listening address is not a client address: sshdoctor does not report it as a source
                if (ok && ip != null && !(event instanceof LogEvent.ServerEvent)) {
                    ok = event.source().equals(Optional.of(Addresses.normalise(ip)))
                            || (ip.equals("UNKNOWN") && event.source().isEmpty()); // sshd's placeholder for "no address"
                    why = "address " + ip + " != " + event.source();
                }
                String user = Optional.ofNullable(values.get("ssh.auth.user")).orElse(values.get("usracct.username"));
                if (ok && user != null && event.account().isPresent()) {
                    String ours = event.account().get();
                    ok = user.equals(ours) || user.endsWith(" " + ours);
                    why = "user " + user + " != " + ours;
                }
                score.check(ok, line, why);
            }
        }
        score.report();
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    @Test
    void mtailSftpTotalsAreReproducedExactly() throws IOException {
        Path log = corpus("mtail/sftp_chroot.log");
        LogTesting.Result result = LogTesting.run(Files.newInputStream(log));
        SftpTotals all = result.summary().sftpOverall();
        Map<String, Long> golden = golden(corpus("mtail/sftp_chroot.golden"));
        assertEquals(golden.get("files_read"), all.filesRead());
        assertEquals(golden.get("bytes_read"), all.bytesRead());
        assertEquals(golden.get("files_written"), all.filesWritten());
        assertEquals(golden.get("bytes_written"), all.bytesWritten());
        Map<String, Long> ours = new HashMap<>();
        for (SftpTotals t : result.summary().sftpTotals()) {
            if (t.logins() > 0) {
                ours.put("login_count{" + t.user() + "}", t.logins());
            }
            if (t.logouts() > 0) {
                ours.put("logout_count{" + t.user() + "}", t.logouts());
            }
        }
        // mtail files a transfer under the /home/<user>/ its path names; the events carry the path to do the same.
        for (LogEvent e : result.of(LogEvent.SftpOperation.class)) {
            LogEvent.SftpOperation op = (LogEvent.SftpOperation) e;
            Matcher home = Pattern.compile("/home/([^/]+)/").matcher(op.path());
            if (op.operation().equals("close") && home.find()) {
                String user = home.group(1);
                if (op.bytesRead() > 0) {
                    ours.merge("user_files_read{" + user + "}", 1L, Long::sum);
                    ours.merge("user_bytes_read{" + user + "}", op.bytesRead(), Long::sum);
                }
                if (op.bytesWritten() > 0) {
                    ours.merge("user_files_written{" + user + "}", 1L, Long::sum);
                    ours.merge("user_bytes_written{" + user + "}", op.bytesWritten(), Long::sum);
                }
            }
        }
        Map<String, Long> perUser = new HashMap<>(golden);
        perUser.keySet().removeIf(k -> !k.contains("{"));
        assertEquals(perUser, ours);
        System.out.printf("corpus %-28s totals: %d files / %d bytes read, %d files / %d bytes written, %d per-user counters: exact%n",
                "mtail/sftp_chroot", all.filesRead(), all.bytesRead(), all.filesWritten(), all.bytesWritten(), perUser.size());
        assertEquals(1, result.summary().counts().unrecognised(), "only the rename line the corpus itself truncates");
    }

    private static Map<String, Long> golden(Path file) throws IOException {
        Map<String, Long> values = new HashMap<>();
        Pattern counter = Pattern.compile("counter (\\w+)(?: \\{username=(\\w+)\\})? (\\d+) .*");
        for (String line : lines(file)) {
            Matcher m = counter.matcher(line);
            if (m.matches()) {
                values.put(m.group(2) == null ? m.group(1) : m.group(1) + "{" + m.group(2) + "}", Long.parseLong(m.group(3)));
            }
        }
        return values;
    }
}
