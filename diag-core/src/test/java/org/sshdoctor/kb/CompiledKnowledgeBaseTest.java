package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled knowledge base (kb/articles.bin, written by the build from the YAML) is what
 * {@link KnowledgeBase#builtIn()} loads: it must hold exactly the YAML's articles, field for field.
 */
class CompiledKnowledgeBaseTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void theBuildCompiledTheYamlAndBuiltInLoadsExactlyItsArticles() {
        assertThat(loader.getResource(CompiledKnowledgeBase.RESOURCE))
                .as("kb/articles.bin, written by KbCompiler in process-classes").isNotNull();
        List<Article> fromYaml = List.copyOf(KnowledgeBase.loadYaml(loader).articles());
        List<Article> builtIn = List.copyOf(KnowledgeBase.builtIn().articles());
        assertThat(builtIn).hasSizeGreaterThanOrEqualTo(150).containsExactlyElementsOf(fromYaml);
        for (int i = 0; i < builtIn.size(); i++) {
            assertThat(builtIn.get(i)).as("equal articles hash alike").hasSameHashCodeAs(fromYaml.get(i));
        }
        assertThat(KnowledgeBase.builtIn().article("SSH-TCP-REFUSED").orElseThrow().causes())
                .isEqualTo(KnowledgeBase.loadYaml(loader).article("SSH-TCP-REFUSED").orElseThrow().causes());
    }

    @Test
    void aliasesResolveInTheCompiledForm() {
        for (Article article : KnowledgeBase.builtIn().articles()) {
            for (String alias : article.aliases()) {
                assertThat(KnowledgeBase.builtIn().article(alias)).as("alias %s", alias).hasValue(article);
            }
        }
    }

    @Test
    void truncatedOrForeignDataIsRejectedNotMisread() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            CompiledKnowledgeBase.write(KnowledgeBase.builtIn().articles(), out);
        }
        byte[] whole = bytes.toByteArray();
        assertThat(CompiledKnowledgeBase.read(new DataInputStream(new ByteArrayInputStream(whole))))
                .containsExactlyElementsOf(KnowledgeBase.builtIn().articles());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> CompiledKnowledgeBase.read(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(IOException.class);
        byte[] otherVersion = whole.clone();
        otherVersion[7]++;
        assertThatThrownBy(() -> CompiledKnowledgeBase.read(new DataInputStream(new ByteArrayInputStream(otherVersion))))
                .isInstanceOf(IOException.class).hasMessageContaining("format version");
    }
}
