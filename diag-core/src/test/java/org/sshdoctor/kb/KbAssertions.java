package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

/** Shared by every module's catalogue test: each finding id a module can emit has an article. */
public final class KbAssertions {
    /** Upper kebab case with at least two parts: {@code SSH-TCP-REFUSED}. */
    public static final String ID_FORMAT = "[A-Z][A-Z0-9]*(-[A-Z0-9]+)+";

    private KbAssertions() {}

    public static void assertEveryIdHasAnArticle(Collection<String> ids) {
        KnowledgeBase kb = KnowledgeBase.builtIn();
        for (String id : ids) {
            assertThat(id).matches(ID_FORMAT);
            assertThat(kb.article(id)).as("knowledge-base article for finding id %s", id).isPresent();
        }
    }
}
