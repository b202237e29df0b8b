package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-ranks an article's causes for one input. Each cause starts from its likelihood (high 3, medium 2,
 * low 1); each {@code raisedBy} hint found adds 2, each {@code loweredBy} hint found subtracts 2. A
 * hint is a regex searched in the whole input, or {@code capture:NAME=REGEX}, searched in one captured
 * value. Equal scores keep the author's order. Every hint is compiled once, when the ranker is made.
 */
final class CauseRanker {
    private static final Pattern CAPTURE_HINT = Pattern.compile("^capture:([a-zA-Z][a-zA-Z0-9]*)=(.*)$");

    private final Map<String, Pattern> compiled;

    /**
     * Compiles the hints of every cause of {@code articles}.
     *
     * @throws IllegalStateException naming the article when a hint does not compile
     */
    CauseRanker(Collection<Article> articles) {
        Map<String, Pattern> hints = new HashMap<>();
        for (Article article : articles) {
            for (Article.Cause cause : article.causes()) {
                for (String hint : concat(cause.raisedBy(), cause.loweredBy())) {
                    try {
                        hints.computeIfAbsent(hint, CauseRanker::compile);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("article " + article.id()
                                + " has a cause hint that does not compile: " + hint, e);
                    }
                }
            }
        }
        this.compiled = Map.copyOf(hints);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    List<Match.RankedCause> rank(List<Article.Cause> causes, String input, Map<String, String> captures) {
        record Scored(Match.RankedCause cause, int score, int order) {}
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (Article.Cause cause : causes) {
            int base = switch (cause.likelihood()) {
                case "high" -> 3;
                case "low" -> 1;
                default -> 2;
            };
            int score = base;
            for (String hint : cause.raisedBy()) {
                score += found(hint, input, captures) ? 2 : 0;
            }
            for (String hint : cause.loweredBy()) {
                score -= found(hint, input, captures) ? 2 : 0;
            }
            String likelihood = score >= 3 ? "high" : score == 2 ? "medium" : "low";
            scored.add(new Scored(new Match.RankedCause(cause, likelihood, score != base), score, order++));
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
        return scored.stream().map(Scored::cause).toList();
    }

    private boolean found(String hint, String input, Map<String, String> captures) {
        Matcher capture = CAPTURE_HINT.matcher(hint);
        if (capture.matches()) {
            String value = captures.get(capture.group(1));
            return value != null && pattern(hint).matcher(value).find();
        }
        return pattern(hint).matcher(input).find();
    }

    private Pattern pattern(String hint) {
        Pattern pattern = compiled.get(hint);
        return pattern != null ? pattern : compile(hint);
    }

    private static Pattern compile(String hint) {
        Matcher capture = CAPTURE_HINT.matcher(hint);
        return Pattern.compile(capture.matches() ? capture.group(2) : hint, Pattern.MULTILINE);
    }
}
