package org.sshdoctor.kb;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Build step (run by Maven in {@code process-classes}, see diag-core/pom.xml): reads the knowledge
 * base's YAML files from the class path, validates them as {@link KnowledgeBase} always did, and
 * writes the compiled form {@code kb/articles.bin} into the given classes directory. A malformed
 * article fails the build here, naming the file.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class KbCompiler {
    private KbCompiler() {}

    /**
     * Compiles the knowledge base.
     *
     * @param args one argument: the classes directory (target/classes) to write {@code kb/articles.bin} into
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KbCompiler CLASSES_DIRECTORY");
        }
        KnowledgeBase kb = KnowledgeBase.loadYaml(KbCompiler.class.getClassLoader());
        Path target = Path.of(args[0]).resolve(CompiledKnowledgeBase.RESOURCE);
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
            CompiledKnowledgeBase.write(kb.articles(), out);
        }
    }
}
