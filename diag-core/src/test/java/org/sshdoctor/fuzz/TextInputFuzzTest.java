package org.sshdoctor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.kb.Explainer;
import org.sshdoctor.kb.Explanation;
import org.sshdoctor.logs.EnvelopeParser;
import org.sshdoctor.logs.LogAnalyzer;
import org.sshdoctor.logs.LogFilter;
import org.sshdoctor.logs.LogJson;
import org.sshdoctor.logs.LogPipeline;
import org.sshdoctor.logs.LogReader;
import org.sshdoctor.logs.LogSummary;
import org.sshdoctor.logs.LogSummaryText;
import org.sshdoctor.render.ExplanationRenderer;
import org.sshdoctor.render.JsonRenderer;

/**
 * Fuzzes diag-core's readers of untrusted text: log files (envelope parser, classifier, analyzer and
 * both renderers), the --from/--user filter, and what users paste into {@code explain} (single
 * lines, {@code ssh -v} transcripts, log excerpts). Without JAZZER_FUZZ each target replays its seeds
 * in src/test/resources/org/sshdoctor/fuzz/TextInputFuzzTestInputs (a few milliseconds); with
 * {@code JAZZER_FUZZ=1} it fuzzes for maxDuration (DEVELOPERS.md, "Fuzzing"). Any exception other
 * than the documented IllegalArgumentException of a rejected filter is a bug: keep the input as a seed.
 */
class TextInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Explainer EXPLAINER = Explainer.builtIn();

    /** Raw bytes through the whole logs pipeline, as {@code sshdoctor logs} reads a file. */
    @FuzzTest(maxDuration = "20s")
    void logsNeverThrowAndAlwaysRenderValidJson(FuzzedDataProvider data) {
        int year = data.consumeInt(1, 9999);
        byte[] bytes = data.consumeRemainingAsBytes();
        LogAnalyzer analyzer = new LogAnalyzer();
        StringBuilder events = new StringBuilder();
        LogPipeline pipeline = new LogPipeline(new EnvelopeParser(LocalDate.of(year, 12, 31), ZoneOffset.UTC),
                LogFilter.none(), analyzer, (e, address) -> events.append(LogJson.eventLine(e, address)));
        try (LogReader reader = new LogReader(LogReader.decompressIfGzip(new ByteArrayInputStream(bytes)))) {
            pipeline.readAll("fuzz", reader);
        } catch (IOException e) {
            // a gzip header followed by garbage: LogsCommand reports it as unreadable input
        }
        LogSummary summary = analyzer.summary();
        new LogSummaryText(true, true).render("fuzz", summary);
        valid(JsonRenderer.write(LogJson.summary("fuzz", List.of("fuzz"), summary)));
        events.toString().lines().forEach(TextInputFuzzTest::valid);
    }

    /** --from and --user: only IllegalArgumentException (a usage error) may escape. */
    @FuzzTest(maxDuration = "20s")
    void logFilterOnlyRejectsWithAMessage(FuzzedDataProvider data) {
        String user = data.consumeString(40);
        String from = data.consumeRemainingAsString();
        try {
            new LogFilter(Optional.empty(), Optional.empty(), Optional.of(user), Optional.of(from));
        } catch (IllegalArgumentException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a rejected --from must say why", expected);
            }
        }
    }

    /** Pasted text: one line, an ssh -v transcript or log lines. */
    @FuzzTest(maxDuration = "20s")
    void explainNeverThrowsAndAlwaysRendersValidJson(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Explanation explanation = EXPLAINER.explain(text);
        new ExplanationRenderer(true, true).text(explanation);
        valid(ExplanationRenderer.json(explanation));
    }

    private static void valid(String json) {
        try {
            JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON: " + json, e);
        }
    }
}
