package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, non-UTF-8 bytes, runaway lines and compressed input never stop a run. */
class RobustnessTest {
    private static final String GOOD = "Mar 14 19:50:59 server sshd[18884]: Accepted password for fred from 192.0.2.60 port 6647 ssh2\n";

    @Test
    void garbageAndInvalidUtf8AreCountedNotFatal() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.write(GOOD.getBytes(StandardCharsets.UTF_8));
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        log.write(random);
        log.write('\n');
        log.write("Mar 14 19:51:00 server sshd[1]: Invalid user \u00e9t\u00e9 from 192.0.2.61 port 1\n".getBytes(StandardCharsets.ISO_8859_1));
        log.write("Mar 14 19:51:01 server sshd[2]: Failed password for \u0000\u001b[31mroot from 192.0.2.62 port 2 ssh2\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] runaway = new byte[100_000];
        Arrays.fill(runaway, (byte) 'x');
        log.write(runaway);
        log.write('\n');
        log.write(GOOD.getBytes(StandardCharsets.UTF_8));
        LogTesting.Result result = LogTesting.run(new ByteArrayInputStream(log.toByteArray()));
        LogSummary s = result.summary();
        assertEquals(2, s.loginCount(), "the good lines after the garbage are read");
        LogEvent.InvalidUser latin1 = (LogEvent.InvalidUser) result.of(LogEvent.InvalidUser.class).get(0);
        assertEquals("\uFFFDt\uFFFD", latin1.user(), "invalid UTF-8 becomes U+FFFD");
        assertEquals("\u0000\u001b[31mroot", ((LogEvent.Failed) result.of(LogEvent.Failed.class).get(0)).user());
        assertTrue(s.counts().unrecognised() > 0, "garbage is counted as not recognised");
        String text = new LogSummaryText(false, true).render("garbage", s);
        assertTrue(!text.contains("\u001b"), "terminal escapes from the log are neutralised");
        assertTrue(text.contains("\\x1B[31mroot"), text);
        assertTrue(result.events().stream().allMatch(e -> e.line().raw().length() <= LogReader.MAX_LINE));
    }

    @Test
    void gzipIsRecognisedByContentAndATruncatedFileSaysSo(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            for (int i = 0; i < 1000; i++) {
                gz.write(GOOD.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(1000, LogTesting.run(new ByteArrayInputStream(compressed.toByteArray())).summary().loginCount());
        byte[] cut = Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2);
        try (LogReader reader = new LogReader(LogReader.decompressIfGzip(new ByteArrayInputStream(cut)))) {
            org.junit.jupiter.api.Assertions.assertThrows(EOFException.class, () -> {
                while (reader.readLine() != null) {
                    // read until the data ends early
                }
            });
        }
    }

    @Test
    void rotatedSetsAreReadOldestFirst() {
        List<Path> given = List.of(Path.of("auth.log"), Path.of("auth.log.1"), Path.of("auth.log.2.gz"), Path.of("auth.log.10.gz"),
                Path.of("secure-20240308"), Path.of("secure"), Path.of("secure-20240301.gz"));
        assertEquals(List.of(Path.of("auth.log.10.gz"), Path.of("auth.log.2.gz"), Path.of("auth.log.1"), Path.of("auth.log"),
                Path.of("secure-20240301.gz"), Path.of("secure-20240308"), Path.of("secure")), RotatedFiles.oldestFirst(given));
    }

    @Test
    void filtersByTimeUserAndNetwork() {
        LogEvent v4 = LogTesting.one("Mar 14 19:50:59 server sshd[1]: Failed password for fred from 192.0.2.60 port 6647 ssh2");
        LogEvent v6 = LogTesting.one("Mar 14 19:50:59 server sshd[1]: Failed password for root from 2001:db8::7 port 6647 ssh2");
        assertTrue(filter(null, null, null, "192.0.2.0/24").test(v4));
        assertTrue(!filter(null, null, null, "192.0.3.0/24").test(v4));
        assertTrue(filter(null, null, null, "2001:db8::/32").test(v6));
        assertTrue(!filter(null, null, null, "2001:db8::/32").test(v4));
        assertTrue(filter(null, null, null, "192.0.2.60").test(v4));
        assertTrue(filter(null, null, "fred", null).test(v4));
        assertTrue(!filter(null, null, "fred", null).test(v6));
        assertTrue(filter("2026-03-14T19:50:00", "2026-03-14T19:51:00", null, null).test(v4));
        assertTrue(!filter("2026-03-14T19:51:00", null, null, null).test(v4));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> filter(null, null, null, "192.0.2.0/99"));
    }

    @Test
    void addressFilterKeepsTheLinesOfTheSameProcessThatNameNoAddress() {
        LogAnalyzer analyzer = new LogAnalyzer();
        List<LogEvent> kept = new java.util.ArrayList<>();
        LogPipeline pipeline = new LogPipeline(new EnvelopeParser(2026, java.time.ZoneOffset.UTC), filter(null, null, null, "198.51.100.7"),
                analyzer, (e, a) -> kept.add(e));
        pipeline.line("t", 1, "Feb 12 04:09:20 h sshd[26713]: Failed password for root from 198.51.100.7 port 5 ssh2");
        pipeline.line("t", 2, "Feb 12 04:09:20 h sshd[26714]: Failed password for root from 203.0.113.1 port 5 ssh2");
        pipeline.line("t", 3, "Feb 12 04:09:21 h sshd[26714]: Disconnecting: Too many authentication failures for root [preauth]");
        pipeline.line("t", 4, "Feb 12 04:09:21 h sshd[26713]: Disconnecting: Too many authentication failures for root [preauth]");
        assertEquals(List.of(1L, 4L), kept.stream().map(e -> e.line().number()).toList());
    }

    private static LogFilter filter(String since, String until, String user, String from) {
        return new LogFilter(java.util.Optional.ofNullable(since).map(java.time.LocalDateTime::parse),
                java.util.Optional.ofNullable(until).map(java.time.LocalDateTime::parse), java.util.Optional.ofNullable(user),
                java.util.Optional.ofNullable(from));
    }
}
