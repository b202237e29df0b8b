package org.sshdoctor.logs;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Line → envelope → event → filter → analysis (and an optional listener, e.g. the CLI's --events
 * printer). Streaming: nothing is kept per line. Blank lines are skipped without being counted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogPipeline {
    private final EnvelopeParser parser;
    private final MessageClassifier classifier;
    private final LogFilter filter;
    /** The filter keeps everything: decided once, not per line (four Optional checks a line showed in the profile). */
    private final boolean keepAll;
    private final LogAnalyzer analyzer;
    private final Listener listener;

    /** Told about every event kept, after the analyzer has seen it. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param event the event
         * @param processAddress the client address of the event's process when the line names none
         */
        void event(LogEvent event, Optional<String> processAddress);
    }

    public LogPipeline(EnvelopeParser parser, LogFilter filter, LogAnalyzer analyzer, Listener listener) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.classifier = MessageClassifier.standard();
        this.filter = Objects.requireNonNull(filter, "filter");
        this.keepAll = filter.isEmpty();
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Reads every line the reader has; returns how many lines (blank ones included) were read. */
    public long readAll(String source, LogReader reader) throws IOException {
        return read(source, reader, 0, true);
    }

    /**
     * Reads the lines available now; {@code atFinalEnd} false keeps a last line without newline back
     * (for --follow). Returns the number of the last line read, counting on from {@code lineNumber}.
     */
    public long read(String source, LogReader reader, long lineNumber, boolean atFinalEnd) throws IOException {
        long number = lineNumber;
        for (String raw; (raw = reader.readLine(atFinalEnd)) != null; ) {
            number++;
            line(source, number, raw);
        }
        return number;
    }

    /** Processes one line. */
    public void line(String source, long number, String raw) {
        if (raw.isBlank()) {
            return;
        }
        LogEvent event = classifier.classify(parser.parse(source, number, raw));
        if (keepAll || filter.test(event, analyzer.processAddressOf(event.line()), analyzer.processUserOf(event.line()))) {
            analyzer.accept(event);
            listener.event(event, analyzer.processAddress());
        }
    }
}
