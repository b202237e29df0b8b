package org.sshdoctor.ssh;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises SSH implementations and platforms from identification lines. The knowledge is data:
 * {@code software.tsv} (software-version patterns) and {@code platforms.tsv} (comment patterns), first
 * match wins, a named group {@code version} (and {@code v} for platforms) captures the version.
 */
final class SoftwareCatalog {
    private record Rule(Pattern pattern, String name, String family) {}

    private static final class Holder {
        static final SoftwareCatalog INSTANCE = new SoftwareCatalog(load("software.tsv"), load("platforms.tsv"));
    }

    private final List<Rule> software;
    private final List<Rule> platforms;

    private SoftwareCatalog(List<Rule> software, List<Rule> platforms) {
        this.software = software;
        this.platforms = platforms;
    }

    static SoftwareCatalog builtIn() {
        return Holder.INSTANCE;
    }

    Software identify(String softwareVersion, String comments) {
        for (Rule rule : software) {
            Matcher m = rule.pattern().matcher(softwareVersion);
            if (m.find()) {
                return new Software(rule.name(), rule.family(), group(m, "version"),
                        platform(softwareVersion + " " + comments));
            }
        }
        return new Software("unknown", "unknown", "", platform(softwareVersion + " " + comments));
    }

    private String platform(String text) {
        for (Rule rule : platforms) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                String v = group(m, "v");
                return rule.name().replace("{v}", v).strip();
            }
        }
        return "";
    }

    private static String group(Matcher m, String name) {
        try {
            String value = m.group(name);
            return value == null ? "" : value;
        } catch (IllegalArgumentException noSuchGroup) {
            return "";
        }
    }

    private static List<Rule> load(String resource) {
        return TabSeparatedResource.records(resource, 3).stream()
                .map(r -> new Rule(Pattern.compile(r.get(0)), r.get(1), r.get(2)))
                .toList();
    }
}
