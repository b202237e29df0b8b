import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.sshdoctor.logs.EnvelopeParser;
import org.sshdoctor.logs.LogAnalyzer;
import org.sshdoctor.logs.LogEvent;
import org.sshdoctor.logs.LogFilter;
import org.sshdoctor.logs.LogLine;
import org.sshdoctor.logs.MessageClassifier;
import org.sshdoctor.logs.LogPipeline;
import org.sshdoctor.logs.LogReader;
import org.sshdoctor.logs.LogSummary;

/**
 * Warm throughput of the `sshdoctor logs` pipeline (reader → envelope → classifier → analyzer →
 * summary) on a log held in memory, so neither the disk nor JVM start-up count. Runs ROUNDS rounds
 * after WARMUP rounds and prints the median and best lines per wall second and per CPU second of the
 * whole JVM (JIT and GC threads included: pin the JVM with taskset to measure one core).
 *
 * <p>Usage (bench/logs-throughput.sh runs it; it uses only the public logs API, so it also runs
 * against an older jar): {@code taskset -c 0 java -XX:+UseSerialGC -cp diag-cli/target/sshdoctor.jar
 * bench/LogsWarm.java auth.log [ROUNDS] [WARMUP] [STAGE]}
 * where STAGE is {@code pipeline} (default), {@code read} (reader only), {@code envelope} (reader +
 * envelope parser), {@code classify} (reader + envelope + classifier), {@code analyze} (the pipeline
 * without the final summary): the differences between stages are what each one costs.
 */
public class LogsWarm {
    public static void main(String[] args) throws Exception {
        byte[] log = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String stage = args.length > 3 ? args[3] : "pipeline";
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] rates = new double[rounds];
        double[] cpuRates = new double[rounds];
        long lines = 0;
        for (int r = -warmup; r < rounds; r++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            lines = run(log, stage);
            long ns = System.nanoTime() - start;
            long cpu = os.getProcessCpuTime() - cpuStart;
            if (r >= 0) {
                rates[r] = lines * 1e9 / ns;
                cpuRates[r] = lines * 1e9 / Math.max(cpu, 1);
            }
        }
        System.out.printf("%s: %d lines, median %.2f M lines/s wall (best %.2f), %.2f M lines per CPU second of all JVM"
                + " threads (best %.2f); rounds (wall):%s%n", stage, lines, median(rates) / 1e6, max(rates) / 1e6,
                median(cpuRates) / 1e6, max(cpuRates) / 1e6, list(rates));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String list(double[] rates) {
        StringBuilder each = new StringBuilder();
        for (double rate : rates) {
            each.append(String.format(" %.2f", rate / 1e6));
        }
        return each.toString();
    }

    private static long run(byte[] log, String stage) throws Exception {
        try (LogReader reader = new LogReader(new ByteArrayInputStream(log))) {
            if (stage.equals("read")) {
                long n = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    n += line.length() > 0 ? 1 : 0;
                }
                return n;
            }
            if (stage.equals("envelope") || stage.equals("classify")) {
                EnvelopeParser parser = new EnvelopeParser(LocalDate.of(2026, 12, 31), ZoneOffset.UTC);
                MessageClassifier classifier = MessageClassifier.standard();
                long n = 0;
                int sink = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    LogLine parsed = parser.parse("auth.log", ++n, line);
                    sink += stage.equals("classify") ? (classifier.classify(parsed) instanceof LogEvent.Unrecognised ? 1 : 0) : parsed.pid();
                }
                return sink == 42 ? n + 1 : n;
            }
            LogAnalyzer analyzer = new LogAnalyzer();
            LogPipeline pipeline = new LogPipeline(new EnvelopeParser(LocalDate.of(2026, 12, 31), ZoneOffset.UTC),
                    LogFilter.none(), analyzer, (e, a) -> { });
            long n = pipeline.readAll("auth.log", reader);
            if (!stage.equals("analyze")) {
                LogSummary summary = analyzer.summary();
                if (summary.counts().lines() != n) {
                    throw new AssertionError(summary.counts().lines() + " != " + n);
                }
            }
            return n;
        }
    }
}
