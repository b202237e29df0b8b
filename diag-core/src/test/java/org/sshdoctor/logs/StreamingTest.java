package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A generated 200 000-line auth.log streamed through the pipeline: per-process state must stay flat
 * (processes end, so they are forgotten) and the heap must not grow with the log.
 */
class StreamingTest {
    private static final int LINES = 200_000;

    /** Generates a log on the fly, never holding it in memory: brute force, logins, SFTP, scans. */
    static final class GeneratedLog extends InputStream {
        private final int lines;
        private int line;
        private byte[] current = new byte[0];
        private int position;

        GeneratedLog(int lines) {
            this.lines = lines;
        }

        static String line(int i) {
            int pid = 10_000 + i / 4;
            int second = i % 60;
            int minute = (i / 60) % 60;
            int hour = (i / 3600) % 24;
            String time = String.format("Mar %2d %02d:%02d:%02d", 1 + (i / 86_400) % 28, hour, minute, second);
            String address = "198.51." + ((i / 4) % 200) + "." + ((i / 800) % 250);
            return switch (i % 4) {
                case 0 -> time + " server sshd[" + pid + "]: Invalid user admin" + (i % 7) + " from " + address + " port " + (1024 + i % 60_000);
                case 1 -> time + " server sshd[" + pid + "]: Failed password for invalid user admin" + (i % 7) + " from " + address + " port " + (1024 + i % 60_000) + " ssh2";
                case 2 -> i % 40 == 2
                        ? time + " server sshd[" + pid + "]: Accepted publickey for fred from 192.0.2.60 port 4000 ssh2: ED25519 SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
                        : time + " server internal-sftp[" + pid + "]: close \"/home/fred/f" + i + "\" bytes read " + i + " written 0";
                default -> i % 40 == 3
                        ? time + " server sshd[" + pid + "]: Disconnected from user fred 192.0.2.60 port 4000"
                        : time + " server sshd[" + pid + "]: Connection closed by invalid user admin" + (i % 7) + " " + address + " port " + (1024 + i % 60_000) + " [preauth]";
            };
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (line == lines) {
                    return -1;
                }
                current = (line(line++) + "\n").getBytes(StandardCharsets.US_ASCII);
                position = 0;
            }
            return current[position++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }

    @Test
    void memoryStaysFlatOnALongLog() throws Exception {
        LogAnalyzer analyzer = new LogAnalyzer();
        LogPipeline pipeline = new LogPipeline(new EnvelopeParser(2026, ZoneOffset.UTC), LogFilter.none(), analyzer, (e, a) -> { });
        long heapAtQuarter = 0;
        int maxLive = 0;
        try (LogReader reader = new LogReader(new GeneratedLog(LINES))) {
            long number = 0;
            for (String raw; (raw = reader.readLine()) != null; ) {
                pipeline.line("generated", ++number, raw);
                maxLive = Math.max(maxLive, analyzer.liveProcesses());
                if (number == LINES / 4) {
                    heapAtQuarter = usedHeapAfterGc();
                }
            }
        }
        long heapAtEnd = usedHeapAfterGc();
        LogSummary summary = analyzer.summary();
        assertEquals(LINES, summary.counts().lines());
        assertEquals(0, summary.counts().unrecognised());
        assertTrue(maxLive < 50, "per-process state is dropped when connections end, max live " + maxLive);
        assertTrue(summary.sourceCount() <= SourceTracker.MAX_SOURCES);
        long growth = heapAtEnd - heapAtQuarter;
        System.out.printf("streaming %d lines: live processes max %d, sources %d, heap %d MB -> %d MB%n", LINES, maxLive,
                summary.sourceCount(), heapAtQuarter >> 20, heapAtEnd >> 20);
        // Four times the lines must not take anything like four times the memory: allow 24 MB of noise.
        assertTrue(growth < 24L << 20, "heap grew by " + (growth >> 20) + " MB between 50k and 200k lines");
        assertEquals(LINES / 40, summary.loginCount());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
