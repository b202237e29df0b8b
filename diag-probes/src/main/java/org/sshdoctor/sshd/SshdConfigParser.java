package org.sshdoctor.sshd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.openssh.Glob;

/**
 * Reads sshd_config the way sshd 9.2 does ({@code servconf.c}): keywords case-insensitive,
 * {@code Include} with globs (relative paths under the system config directory, matches sorted,
 * at most 16 levels), Match blocks that last until the next Match or the end of the file that holds
 * them, and an included file inheriting the Match in effect at its Include line.
 */
final class SshdConfigParser {
    private static final int MAX_DEPTH = 16;

    private final Path systemDirectory;
    private final List<Directive> directives = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private SshdConfigParser(Path systemDirectory) {
        this.systemDirectory = systemDirectory;
    }

    /**
     * Parses {@code file} and everything it includes.
     *
     * @param systemDirectory where relative Include paths point ({@code /etc/ssh})
     * @throws IOException when the main file cannot be read
     */
    static SshdConfig parse(Path file, Path systemDirectory) throws IOException {
        SshdConfigParser parser = new SshdConfigParser(systemDirectory);
        parser.parseFile(file, lines(file), List.of(), 0);
        return new SshdConfig(file, parser.directives, parser.problems);
    }

    private void parseFile(Path file, List<String> lines, List<MatchCondition> outer, int depth) {
        Optional<MatchCondition> current = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            Origin origin = new Origin(file, i + 1);
            Optional<ConfigTokens.KeywordLine> parsed = ConfigTokens.keyword(lines.get(i));
            if (parsed.isEmpty()) {
                continue;
            }
            String word = parsed.get().keyword();
            String rest = parsed.get().rest();
            if (rest.isEmpty()) {
                problems.add(new ConfigProblem(origin, file + " line " + (i + 1)
                        + ": no argument after keyword \"" + word + "\"", true));
                continue;
            }
            Optional<SshdKeywords.Keyword> keyword = SshdKeywords.lookup(word);
            if (keyword.isEmpty()) {
                problems.add(new ConfigProblem(origin, file + ": line " + (i + 1)
                        + ": Bad configuration option: " + word, true));
                continue;
            }
            Optional<List<String>> args = ConfigTokens.arguments(rest);
            if (args.isEmpty()) {
                problems.add(new ConfigProblem(origin, file + " line " + (i + 1) + ": invalid quotes", true));
                continue;
            }
            List<MatchCondition> guards = new ArrayList<>(outer);
            current.ifPresent(guards::add);
            String name = keyword.get().name();
            if (name.equals("match")) {
                MatchCondition.ParseResult match = MatchCondition.parse(args.get(), origin);
                if (match.condition().isEmpty()) {
                    problems.add(new ConfigProblem(origin, match.error() + "; " + file + " line " + (i + 1)
                            + ": Bad Match condition", true));
                    continue;
                }
                current = match.condition();
                continue;
            }
            if (!guards.isEmpty() && !keyword.get().inMatch() && !guards.stream().allMatch(MatchCondition::isAll)) {
                problems.add(new ConfigProblem(origin, file + " line " + (i + 1) + ": Directive '" + word
                        + "' is not allowed within a Match block", true));
                continue;
            }
            if (name.equals("include")) {
                include(origin, args.get(), guards, depth);
                continue;
            }
            if (keyword.get().combine() == SshdKeywords.Combine.IGNORED) {
                problems.add(new ConfigProblem(origin, file + " line " + (i + 1) + ": Deprecated option " + word,
                        false));
                continue;
            }
            directives.add(new Directive(name, args.get(), rest, origin, guards));
        }
    }

    private void include(Origin origin, List<String> patterns, List<MatchCondition> guards, int depth) {
        if (depth + 1 > MAX_DEPTH) {
            problems.add(new ConfigProblem(origin, "Too many recursive configuration includes", true));
            return;
        }
        for (String pattern : patterns) {
            Path anchored;
            try {
                anchored = pattern.startsWith("/") ? Path.of(pattern) : systemDirectory.resolve(pattern);
            } catch (java.nio.file.InvalidPathException e) { // not a path at all; found by ConfigFuzzTest
                problems.add(new ConfigProblem(origin, "Include " + pattern + ": not a valid path", true));
                continue;
            }
            for (Path file : Glob.expand(anchored)) {
                try {
                    parseFile(file, lines(file), guards, depth + 1);
                } catch (IOException e) {
                    problems.add(new ConfigProblem(origin, file + ": " + e.getMessage(), true));
                }
            }
        }
    }

    /**
     * sshd reads bytes, not UTF-8: a Latin-1 comment must not make the file unreadable (found by
     * ConfigFuzzTest). UTF-8 when the file is valid UTF-8, else ISO-8859-1, as ConfigResolver does;
     * each line ends at a NUL byte, as in sshd.
     */
    private static List<String> lines(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
        // sshd parses each line as a C string: a NUL byte ends it
        return lines.stream().map(l -> l.indexOf('\0') < 0 ? l : l.substring(0, l.indexOf('\0'))).toList();
    }
}
