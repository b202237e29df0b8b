package org.sshdoctor.kb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Severity;

/**
 * What {@link Explainer} made of a pasted text.
 *
 * @param matches recognised articles, most decisive first; consequences of others last
 * @param transcript the analysis of an {@code ssh -v} transcript, when the input is one
 * @param unmatched input lines that matched no article (debug lines of a transcript excluded)
 * @param lines how many non-blank lines were read
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Explanation(List<Match> matches, Optional<Transcript> transcript, List<InputLine> unmatched, int lines) {

    public Explanation {
        matches = List.copyOf(matches);
        Objects.requireNonNull(transcript, "transcript");
        unmatched = List.copyOf(unmatched);
    }

    /** True when nothing was recognised, neither a message nor a transcript. */
    public boolean isEmpty() {
        return matches.isEmpty() && transcript.isEmpty();
    }

    /** True when a match (not merely the echo of another) is at warning or error level. */
    public boolean needsAction() {
        return matches.stream().anyMatch(m -> m.consequenceOf().isEmpty() && m.article().severity().needsAction())
                || transcript.map(t -> t.outcome().equals("failed")).orElse(false);
    }

    /** The most severe article severity among the matches, or {@code OK} when there is none. */
    public Severity worst() {
        return matches.stream().map(m -> m.article().severity()).max(Enum::compareTo).orElse(Severity.OK);
    }
}
