package org.sshdoctor.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One pattern of an article, compiled once: the regex, its named groups (Java 17 cannot list them,
 * so they are read from the source) and the literal anchor that pre-filters lines.
 */
final class CompiledPattern {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Article article;
    private final Pattern pattern;
    private final String anchor;
    private final List<String> groups;

    private CompiledPattern(Article article, Pattern pattern, String anchor, List<String> groups) {
        this.article = article;
        this.pattern = pattern;
        this.anchor = anchor;
        this.groups = groups;
    }

    /**
     * Compiles one pattern of {@code article}.
     *
     * @throws IllegalStateException naming the article when the pattern does not compile
     */
    static CompiledPattern compile(Article article, String regex) {
        try {
            Pattern pattern = Pattern.compile(regex);
            List<String> groups = new ArrayList<>();
            Matcher names = GROUP_NAME.matcher(regex);
            while (names.find()) {
                groups.add(names.group(1));
            }
            return new CompiledPattern(article, pattern, LiteralAnchor.of(regex), List.copyOf(groups));
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("article " + article.id() + " has a pattern that does not compile: "
                    + e.getDescription() + " in " + regex, e);
        }
    }

    Article article() {
        return article;
    }

    String anchor() {
        return anchor;
    }

    /** The captures when the pattern occurs in the line, or empty. The caller checked the anchor. */
    Optional<Map<String, String>> match(InputLine line) {
        Matcher matcher = pattern.matcher(line.text());
        if (!matcher.find()) {
            return Optional.empty();
        }
        Map<String, String> captures = new LinkedHashMap<>();
        for (String group : groups) {
            String value = matcher.group(group);
            if (value != null && !value.isBlank()) {
                captures.putIfAbsent(group, value.strip());
            }
        }
        return Optional.of(captures);
    }
}
