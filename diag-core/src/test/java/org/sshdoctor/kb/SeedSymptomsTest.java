package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every symptom of the seed document, client and server side, is recognised as its article with the
 * values it contains; the seed's debug lines match no article.
 */
class SeedSymptomsTest {
    private final Explainer explainer = Explainer.builtIn();

    @Test
    void everyMarkedLineMatchesItsArticleAndUnmarkedLinesMatchNothing() {
        MarkedLines fixture = MarkedLines.load("kb/seed-symptoms.txt");
        List<String> failures = new ArrayList<>();
        int marked = 0;
        for (MarkedLines.Marked line : fixture.lines()) {
            List<String> got = explainer.recognise(line.text());
            if (line.expectedId().isEmpty()) {
                if (!got.isEmpty()) {
                    failures.add("line " + line.number() + " should match nothing but matched " + got + ": " + line.text());
                }
                continue;
            }
            marked++;
            String expected = line.expectedId().get();
            if (!got.equals(List.of(expected))) {
                failures.add("line " + line.number() + " expected " + expected + " but got " + got + ": " + line.text());
                continue;
            }
            Match match = explainer.explain(line.text()).matches().get(0);
            line.expectedCaptures().forEach((key, value) -> {
                if (!value.equals(match.captures().get(key))) {
                    failures.add("line " + line.number() + " expected " + key + "=" + value + " but captured "
                            + match.captures().get(key) + ": " + line.text());
                }
            });
        }
        assertThat(failures).isEmpty();
        assertThat(marked).as("marked seed symptoms").isGreaterThanOrEqualTo(100);
    }

    @Test
    void theSeedsWholeExcerptsAreExplainedMostDecisiveFirst() {
        String paste = String.join("\n",
                "$ ssh -i ~/.ssh/fred-193.ed25519 fred@192.0.2.193",
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
                "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @",
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
                "Permissions 0664 for '/home/fred/.ssh/fred-193.ed25519' are too open.",
                "It is required that your private key files are NOT accessible by others.",
                "This private key will be ignored.",
                "Load key \"/home/fred/.ssh/fred-193.ed25519\": bad permissions",
                "fred@192.0.2.193: Permission denied (publickey).");
        Explanation explanation = explainer.explain(paste);
        assertThat(explanation.matches()).extracting(Match::id)
                .containsExactly("SSH-KEY-UNPROTECTED", "SSH-AUTH-PERMISSION-DENIED");
        Match key = explanation.matches().get(0);
        assertThat(key.count()).as("lines of the warning").isEqualTo(5);
        assertThat(key.summary()).isEqualTo("/home/fred/.ssh/fred-193.ed25519 has mode 0664: the group and everyone "
                + "else can access it, so ssh ignores the key");
    }
}
