package org.sshdoctor.kb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An article recognised in pasted text.
 *
 * @param article the article
 * @param line the (first) input line that matched, cleaned
 * @param lineNumber its 1-based number in the input
 * @param captures values taken from the matched lines (and values derived from them), in order
 * @param summary one sentence for this occurrence, with the captured values filled in
 * @param causes the article's causes, re-ranked for this input (most likely first)
 * @param count how many input lines matched this article
 * @param consequenceOf the id of another match that explains this one, if any
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Match(Article article, String line, int lineNumber, Map<String, String> captures, String summary,
        List<RankedCause> causes, int count, Optional<String> consequenceOf) {

    public Match {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(line, "line");
        captures = Collections.unmodifiableMap(new LinkedHashMap<>(captures));
        Objects.requireNonNull(summary, "summary");
        causes = List.copyOf(causes);
        Objects.requireNonNull(consequenceOf, "consequenceOf");
    }

    /** The article's id. */
    public String id() {
        return article.id();
    }

    /**
     * A cause with its likelihood for this input.
     *
     * @param cause the article's cause
     * @param likelihood {@code high}, {@code medium} or {@code low} after the input's hints
     * @param hinted true when something in the input raised or lowered it
     * @param check the cause's check with this input's values filled in (HOST, USER, KEY...)
     * @param fix the cause's fix with this input's values filled in
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record RankedCause(Article.Cause cause, String likelihood, boolean hinted, String check, String fix) {
        public RankedCause {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(likelihood, "likelihood");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(fix, "fix");
        }
    }
}
