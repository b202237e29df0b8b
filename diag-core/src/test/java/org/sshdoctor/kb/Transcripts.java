package org.sshdoctor.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real {@code ssh -v} transcripts captured for the tests (see kb/transcripts/README.md). */
final class Transcripts {
    private Transcripts() {}

    static String read(String name) {
        String resource = "kb/transcripts/" + name;
        try (InputStream in = Transcripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
