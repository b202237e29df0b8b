package org.sshdoctor.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message rules indexed by the message's first word, so a line is matched against the two or three
 * patterns that can apply instead of all of them. Patterns match the whole message (level prefix such as
 * {@code error:} and the {@code [preauth]} suffix already removed).
 */
final class Rules {
    /** Builds the event for a message a rule's pattern matched. */
    interface Builder {
        LogEvent build(Context context, Matcher matcher);
    }

    /** What a builder knows besides the match: the line, and whether sshd tagged it [preauth]. */
    record Context(LogLine line, boolean preauth) {}

    /** A rule; {@code prefix} is the pattern's literal start, checked before running the regex (cheap rejection). */
    private record Rule(String prefix, Pattern pattern, Builder builder) {}

    private final Map<String, List<Rule>> byFirstWord = new HashMap<>();

    void add(String firstWord, String regex, Builder builder) {
        byFirstWord.computeIfAbsent(firstWord, k -> new ArrayList<>()).add(new Rule(literalPrefix(regex), Pattern.compile(regex), builder));
    }

    /** The characters a regex starts with that match only themselves. */
    static String literalPrefix(String regex) {
        int end = 0;
        while (end < regex.length() && "\\()[].*+?{|^$".indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        // a quantifier applies to the character before it, which is then not certain
        if (end < regex.length() && end > 0 && "*+?{".indexOf(regex.charAt(end)) >= 0) {
            end--;
        }
        return regex.substring(0, end);
    }

    /** The event of the first rule that matches, if any. */
    Optional<LogEvent> match(Context context, String message) {
        List<Rule> rules = byFirstWord.get(firstWord(message));
        if (rules != null) {
            for (Rule rule : rules) {
                if (!message.startsWith(rule.prefix)) {
                    continue;
                }
                Matcher matcher = rule.pattern.matcher(message);
                if (matcher.matches()) {
                    return Optional.of(rule.builder.build(context, matcher));
                }
            }
        }
        return Optional.empty();
    }

    static String firstWord(String message) {
        if (!message.isEmpty() && message.charAt(0) == '/') {
            return "/"; // "/home/u/.ssh/authorized_keys:3: Authentication tried for ..."
        }
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    // Helpers for builders: groups that did not take part become "" / empty / 0.

    static String text(Matcher m, int group) {
        String value = m.group(group);
        return value == null ? "" : value;
    }

    static Optional<String> optional(Matcher m, int group) {
        String value = m.group(group);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static int port(Matcher m, int group) {
        String value = m.group(group);
        if (value == null || value.isEmpty() || value.length() > 5) {
            return 0;
        }
        return Integer.parseInt(value);
    }

    static String address(Matcher m, int group) {
        return Addresses.normalise(text(m, group));
    }

    static Optional<String> optionalAddress(Matcher m, int group) {
        return optional(m, group).map(Addresses::normalise).filter(a -> !a.isEmpty() && !a.equals("UNKNOWN"));
    }
}
