package org.sshdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sshdoctor.logs.EnvelopeParser;
import org.sshdoctor.logs.LogAnalyzer;
import org.sshdoctor.logs.LogEvent;
import org.sshdoctor.logs.LogFilter;
import org.sshdoctor.logs.LogJson;
import org.sshdoctor.logs.LogPipeline;
import org.sshdoctor.logs.LogReader;
import org.sshdoctor.render.TerminalText;

/**
 * {@code logs --follow}: reads what a growing file gains, like {@code tail -F}: a line is processed once
 * its newline arrives; when the file shrinks (rotated or truncated) reading starts again from the top.
 * Prints one line per event (debug and other programs' lines left out), or JSON lines with --events.
 */
final class LogFollower {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final long POLL_MILLIS = 250;

    private final Path file;
    private final EnvelopeParser parser;
    private final LogFilter filter;
    private final Environment environment;
    private final boolean json;
    private final long limitMillis;

    LogFollower(Path file, EnvelopeParser parser, LogFilter filter, Environment environment, boolean json, long limitMillis) {
        this.file = file;
        this.parser = parser;
        this.filter = filter;
        this.environment = environment;
        this.json = json;
        this.limitMillis = limitMillis;
    }

    void run() throws IOException {
        PrintWriter out = environment.out();
        environment.err().println("sshdoctor: following " + TerminalText.line(file.toString()) + " (Ctrl-C stops)");
        environment.err().flush();
        long deadline = limitMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + limitMillis;
        LogPipeline pipeline = new LogPipeline(parser, filter, new LogAnalyzer(), (e, address) -> print(out, e, address));
        long size = Files.size(file);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(size);
        LogReader reader = new LogReader(in);
        long lineNumber = 0;
        try {
            while (System.currentTimeMillis() < deadline) {
                lineNumber = pipeline.read(file.toString(), reader, lineNumber, false);
                out.flush();
                long now = Files.exists(file) ? Files.size(file) : 0;
                if (now < size) { // rotated or truncated: start again at the top of the new file
                    reader.close();
                    in = Files.newInputStream(file);
                    reader = new LogReader(in);
                    lineNumber = 0;
                }
                size = now;
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
    }

    private void print(PrintWriter out, LogEvent event, java.util.Optional<String> processAddress) {
        if (event instanceof LogEvent.Debug || event instanceof LogEvent.OtherProgram) {
            return;
        }
        if (json) {
            out.print(LogJson.eventLine(event, processAddress));
            return;
        }
        out.println(event.line().time().map(TIME::format).orElse("-") + "  " + TerminalText.line(event.line().program())
                + "[" + event.line().pid() + "]  " + event.type() + "  " + TerminalText.line(event.describe()));
    }
}
