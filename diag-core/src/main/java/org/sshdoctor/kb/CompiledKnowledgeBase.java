package org.sshdoctor.kb;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sshdoctor.model.Severity;

/**
 * The knowledge base's compiled form, {@code kb/articles.bin}: the articles of the YAML files, already
 * parsed and validated at build time ({@link KbCompiler}), as length-prefixed UTF-8 strings in field
 * order. It exists for start-up speed only: reading it takes a few milliseconds and loads no parser,
 * where the YAML (SnakeYAML and Jackson data binding, cold) took most of {@code sshdoctor explain}'s
 * start-up. The YAML stays the source; writer and reader live here side by side and the format carries
 * a version, so a reader never misreads another build's file.
 */
final class CompiledKnowledgeBase {
    /** The resource on the class path. */
    static final String RESOURCE = "kb/articles.bin";
    private static final int MAGIC = 0x53534b42; // "SSKB"
    private static final int FORMAT = 1;

    private CompiledKnowledgeBase() {}

    static void write(Collection<Article> articles, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(articles.size());
        for (Article a : articles) {
            string(out, a.id());
            string(out, a.title());
            string(out, a.severity().name());
            string(out, a.explanation());
            strings(out, a.clientMessages());
            out.writeInt(a.causes().size());
            for (Article.Cause c : a.causes()) {
                string(out, c.cause());
                string(out, c.likelihood());
                string(out, c.check());
                string(out, c.fix());
                strings(out, c.raisedBy());
                strings(out, c.loweredBy());
            }
            string(out, a.fix());
            strings(out, a.references());
            strings(out, a.aliases());
            string(out, a.source());
            strings(out, a.patterns());
            strings(out, a.examples());
            string(out, a.summary());
            strings(out, a.versionNotes());
            strings(out, a.followsFrom());
            out.writeInt(a.priority());
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException when the data is truncated or was written by another format version
     */
    static List<Article> read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException(RESOURCE + " has another format version; rebuild with mvn package");
        }
        int count = in.readInt();
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = string(in);
            String title = string(in);
            Severity severity = Severity.valueOf(string(in));
            String explanation = string(in);
            List<String> clientMessages = strings(in);
            int causeCount = in.readInt();
            List<Article.Cause> causes = new ArrayList<>(causeCount);
            for (int c = 0; c < causeCount; c++) {
                causes.add(new Article.Cause(string(in), string(in), string(in), string(in), strings(in), strings(in)));
            }
            articles.add(new Article(id, title, severity, explanation, clientMessages, causes, string(in),
                    strings(in), strings(in), string(in), strings(in), strings(in), string(in), strings(in),
                    strings(in), in.readInt()));
        }
        return articles;
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException(RESOURCE + " is corrupt (a string of " + length + " bytes)");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 16) {
            throw new IOException(RESOURCE + " is corrupt (a list of " + count + " strings)");
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }
}
