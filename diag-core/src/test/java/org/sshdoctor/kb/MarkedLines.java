package org.sshdoctor.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A marker file in the style of Error Prone's test helpers: each line is input text, optionally
 * followed by {@code #> ARTICLE-ID key=value ...}, the article it must be recognised as and values it
 * must capture. Unmarked lines must match nothing. Lines starting with {@code #} are comments.
 */
record MarkedLines(List<Marked> lines) {
    private static final String MARKER = "  #> ";

    /** One input line and what is expected of it. */
    record Marked(int number, String text, Optional<String> expectedId, Map<String, String> expectedCaptures) {}

    static MarkedLines load(String resource) {
        try (InputStream in = MarkedLines.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkedLines parse(String text) {
        List<Marked> lines = new ArrayList<>();
        String[] physical = text.split("\n", -1);
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int marker = line.lastIndexOf(MARKER);
            if (marker < 0) {
                lines.add(new Marked(i + 1, line, Optional.empty(), Map.of()));
                continue;
            }
            String[] parts = line.substring(marker + MARKER.length()).strip().split(" ");
            Map<String, String> captures = new LinkedHashMap<>();
            for (int p = 1; p < parts.length; p++) {
                int eq = parts[p].indexOf('=');
                captures.put(parts[p].substring(0, eq), parts[p].substring(eq + 1));
            }
            lines.add(new Marked(i + 1, line.substring(0, marker), Optional.of(parts[0]), captures));
        }
        return new MarkedLines(List.copyOf(lines));
    }
}
