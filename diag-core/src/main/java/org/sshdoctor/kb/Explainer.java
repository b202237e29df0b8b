package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Recognises knowledge-base articles in pasted text: client errors, sshd and sftp-server log lines,
 * whole {@code ssh -v} transcripts. Each line is matched against every article's patterns (a literal
 * pre-filter skips most regexes); per line only the most decisive articles count. Matches of one
 * article are merged, their causes re-ranked for the input, and the list is ordered most decisive
 * first, with echoes of other matches ("Host key verification failed." after "REMOTE HOST
 * IDENTIFICATION HAS CHANGED") last. Immutable and thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Explainer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

    /** Every pattern of every article, most decisive article first. */
    private final List<CompiledPattern> patterns;
    /** The patterns' anchors, bit i for pattern i. */
    private final AnchorIndex anchors;
    /** The patterns without an anchor: always tried. */
    private final BitSet unanchored;
    private final CauseRanker ranker;

    private Explainer(List<CompiledPattern> patterns, CauseRanker ranker) {
        this.patterns = patterns;
        this.anchors = new AnchorIndex(patterns.stream().map(CompiledPattern::anchor).toList());
        this.unanchored = new BitSet();
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).anchor().isEmpty()) {
                unanchored.set(i);
            }
        }
        this.ranker = ranker;
    }

    /** The explainer of the built-in knowledge base, compiled once. */
    public static Explainer builtIn() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Explainer INSTANCE = of(KnowledgeBase.builtIn());
    }

    /**
     * Compiles every pattern and hint of {@code kb}.
     *
     * @throws IllegalStateException naming the article when a pattern or hint does not compile
     */
    public static Explainer of(KnowledgeBase kb) {
        List<CompiledPattern> compiled = new ArrayList<>();
        for (Article article : kb.articles()) {
            for (String regex : article.patterns()) {
                compiled.add(CompiledPattern.compile(article, regex));
            }
        }
        compiled.sort(Comparator.comparingInt((CompiledPattern p) -> p.article().priority()).reversed());
        return new Explainer(List.copyOf(compiled), new CauseRanker(kb.articles()));
    }

    /** Explains {@code text}: any number of lines, of any origin. */
    public Explanation explain(String text) {
        List<InputLine> lines = InputLine.split(text);
        Map<String, Accumulated> found = new LinkedHashMap<>();
        List<InputLine> unmatched = new ArrayList<>();
        for (InputLine line : lines) {
            Map<Article, Map<String, String>> top = topMatches(line);
            if (top.isEmpty()) {
                unmatched.add(line);
            }
            top.forEach((article, captures) -> found
                    .computeIfAbsent(article.id(), id -> new Accumulated(article, line))
                    .add(captures));
        }
        Optional<Transcript> transcript = TranscriptAnalyzer.analyze(lines);
        if (transcript.isPresent()) {
            // The transcript analysis tells the story of these lines better than one article per line.
            unmatched.removeIf(TranscriptAnalyzer::isDebug);
            found.values().removeIf(acc -> acc.article.source().equals("debug"));
        }
        String input = found.isEmpty() ? "" : lines.stream().map(InputLine::text).collect(Collectors.joining("\n"));
        Set<String> ids = new HashSet<>(found.keySet());
        CauseRanker.Input hints = ranker.forInput(input);
        List<Match> matches = new ArrayList<>();
        for (Accumulated acc : found.values()) {
            matches.add(acc.toMatch(hints, ids));
        }
        matches.sort(Comparator.comparing((Match m) -> m.consequenceOf().isPresent())
                .thenComparing(Comparator.comparingInt((Match m) -> m.article().priority()).reversed())
                .thenComparingInt(Match::lineNumber));
        return new Explanation(matches, transcript, unmatched, lines.size());
    }

    /**
     * The ids of the articles that one line matches at the highest priority: the articles explain
     * would report for it. Empty when nothing matches.
     */
    public List<String> recognise(String line) {
        List<InputLine> lines = InputLine.split(line);
        return lines.isEmpty() ? List.of() : topMatches(lines.get(0)).keySet().stream().map(Article::id).toList();
    }

    private Map<Article, Map<String, String>> topMatches(InputLine line) {
        BitSet candidates = anchors.find(line.lower());
        candidates.or(unanchored);
        Map<Article, Map<String, String>> top = new LinkedHashMap<>();
        int best = Integer.MIN_VALUE;
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledPattern pattern = patterns.get(i);
            int priority = pattern.article().priority();
            if (priority < best) {
                break; // patterns are sorted by priority: nothing more decisive follows
            }
            Optional<Map<String, String>> captures = pattern.match(line);
            if (captures.isEmpty()) {
                continue;
            }
            if (priority > best) {
                top.clear();
                best = priority;
            }
            top.merge(pattern.article(), captures.get(), (a, b) -> {
                Map<String, String> merged = new LinkedHashMap<>(a);
                b.forEach(merged::putIfAbsent);
                return merged;
            });
        }
        return top;
    }

    /** The matches of one article across the input. */
    private final class Accumulated {
        private final Article article;
        private final InputLine first;
        private final Map<String, String> captures = new LinkedHashMap<>();
        private int count;

        Accumulated(Article article, InputLine first) {
            this.article = article;
            this.first = first;
        }

        void add(Map<String, String> more) {
            more.forEach(captures::putIfAbsent);
            count++;
        }

        Match toMatch(CauseRanker.Input hints, Set<String> matchedIds) {
            Map<String, String> values = DerivedCaptures.enrich(captures);
            Optional<String> consequenceOf = article.followsFrom().stream().filter(matchedIds::contains).findFirst();
            return new Match(article, first.text(), first.number(), values, summary(article, values),
                    hints.rank(article.causes(), values), count, consequenceOf);
        }
    }

    /** The article's summary with the captured values, or its title when a value is missing. */
    static String summary(Article article, Map<String, String> values) {
        Optional<String> template = article.summaryTemplate();
        if (template.isEmpty()) {
            return article.title();
        }
        Matcher m = PLACEHOLDER.matcher(template.get());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                return article.title();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
