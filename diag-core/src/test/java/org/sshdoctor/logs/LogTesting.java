package org.sshdoctor.logs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs text through the whole pipeline, as the CLI does, for tests. */
final class LogTesting {
    private LogTesting() {}

    record Result(List<LogEvent> events, LogSummary summary) {
        List<LogEvent> of(Class<? extends LogEvent> type) {
            return events.stream().filter(type::isInstance).toList();
        }

        Optional<org.sshdoctor.model.Finding> finding(String id) {
            return summary.findings().stream().filter(f -> f.id().equals(id)).findFirst();
        }
    }

    static Result run(String text) {
        return run(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Result run(InputStream in) {
        List<LogEvent> events = new ArrayList<>();
        LogAnalyzer analyzer = new LogAnalyzer();
        LogPipeline pipeline = new LogPipeline(new EnvelopeParser(2026, ZoneOffset.UTC), LogFilter.none(), analyzer, (e, address) -> events.add(e));
        try (LogReader reader = new LogReader(LogReader.decompressIfGzip(in))) {
            pipeline.readAll("test", reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(events, analyzer.summary());
    }

    static LogEvent one(String line) {
        return MessageClassifier.standard().classify(new EnvelopeParser(2026, ZoneOffset.UTC).parse("test", 1, line));
    }

    static String resource(String name) {
        try (InputStream in = LogTesting.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared corpora folder (../shared/corpora/logs from a worktree), searched upwards; empty when absent. */
    static Optional<Path> corpora() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpora/logs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
