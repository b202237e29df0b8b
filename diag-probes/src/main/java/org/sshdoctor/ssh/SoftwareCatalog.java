package org.sshdoctor.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = SoftwareCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3) {
                    throw new IllegalStateException(resource + ":" + number + ": expected 3 tab-separated fields");
                }
                rules.add(new Rule(Pattern.compile(fields[0]), fields[1], fields[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rules);
    }
}
