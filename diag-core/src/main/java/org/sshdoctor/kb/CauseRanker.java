package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-ranks an article's causes for one input. Each cause starts from its likelihood (high 3, medium 2,
 * low 1); each {@code raisedBy} hint found adds 2, each {@code loweredBy} hint found subtracts 2. A
 * hint is a regex searched in the whole input, or {@code capture:NAME=REGEX}, searched in one captured
 * value. Equal scores keep the author's order. Every hint is compiled once, when the ranker is made,
 * and a literal index finds in one pass over the input which hints can occur at all.
 */
final class CauseRanker {
    private static final Pattern CAPTURE_HINT = Pattern.compile("^capture:([a-zA-Z][a-zA-Z0-9]*)=(.*)$");

    /** Input hints (not capture hints), in index order. */
    private final List<String> inputHints;
    private final Map<String, Integer> inputHintIndex;
    private final AnchorIndex anchors;
    private final BitSet unanchored = new BitSet();
    private final Map<String, Pattern> compiled;

    /**
     * Compiles the hints of every cause of {@code articles}.
     *
     * @throws IllegalStateException naming the article when a hint does not compile
     */
    CauseRanker(Collection<Article> articles) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (Article article : articles) {
            for (Article.Cause cause : article.causes()) {
                for (String hint : concat(cause.raisedBy(), cause.loweredBy())) {
                    try {
                        patterns.computeIfAbsent(hint, CauseRanker::compile);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("article " + article.id()
                                + " has a cause hint that does not compile: " + hint, e);
                    }
                }
            }
        }
        this.compiled = Map.copyOf(patterns);
        this.inputHints = patterns.keySet().stream().filter(h -> !CAPTURE_HINT.matcher(h).matches()).toList();
        Map<String, Integer> index = new HashMap<>();
        List<String> hintAnchors = new ArrayList<>();
        for (int i = 0; i < inputHints.size(); i++) {
            index.put(inputHints.get(i), i);
            String anchor = LiteralAnchor.of(inputHints.get(i));
            hintAnchors.add(anchor);
            if (anchor.isEmpty()) {
                unanchored.set(i);
            }
        }
        this.inputHintIndex = Map.copyOf(index);
        this.anchors = new AnchorIndex(hintAnchors);
    }

    /** Prepares ranking for one input: finds which hints can occur in it, in one pass. */
    Input forInput(String input) {
        BitSet possible = anchors.find(input.toLowerCase(Locale.ROOT));
        possible.or(unanchored);
        return new Input(input, possible);
    }

    /** The hints of one input; results are cached because several matches share hints. */
    final class Input {
        private final String text;
        private final BitSet possible;
        private final Map<String, Boolean> found = new HashMap<>();

        private Input(String text, BitSet possible) {
            this.text = text;
            this.possible = possible;
        }

        List<Match.RankedCause> rank(List<Article.Cause> causes, Map<String, String> captures) {
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
                    score += found(hint, captures) ? 2 : 0;
                }
                for (String hint : cause.loweredBy()) {
                    score -= found(hint, captures) ? 2 : 0;
                }
                String likelihood = score >= 3 ? "high" : score == 2 ? "medium" : "low";
                scored.add(new Scored(new Match.RankedCause(cause, likelihood, score != base,
                        Placeholders.fill(cause.check(), captures), Placeholders.fill(cause.fix(), captures)),
                        score, order++));
            }
            scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
            return scored.stream().map(Scored::cause).toList();
        }

        private boolean found(String hint, Map<String, String> captures) {
            Matcher capture = CAPTURE_HINT.matcher(hint);
            if (capture.matches()) {
                String value = captures.get(capture.group(1));
                return value != null && compiled.get(hint).matcher(value).find();
            }
            Integer index = inputHintIndex.get(hint);
            if (index == null || !possible.get(index)) {
                return false;
            }
            return found.computeIfAbsent(hint, h -> compiled.get(h).matcher(text).find());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Pattern compile(String hint) {
        Matcher capture = CAPTURE_HINT.matcher(hint);
        return Pattern.compile(capture.matches() ? capture.group(2) : hint, Pattern.MULTILINE);
    }
}
