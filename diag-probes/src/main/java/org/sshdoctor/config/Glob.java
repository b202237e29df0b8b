package org.sshdoctor.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code glob(3)} for Include: {@code * ? [...]} per path component, no match for hidden names unless
 * the pattern starts with a dot, results sorted, a pattern without matches gives nothing.
 */
final class Glob {
    private Glob() {}

    static List<Path> expand(String pattern) {
        if (pattern.indexOf('\0') >= 0) {
            return List.of(); // no file name holds a NUL (found by ConfigFuzzTest: Path.of threw)
        }
        Path path = Path.of(pattern);
        if (!hasWildcard(pattern)) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        List<Path> current = List.of(path.getRoot() == null ? Path.of("") : path.getRoot());
        for (Path component : path) {
            String part = component.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(part)) {
                    Path candidate = dir.resolve(part);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                PathMatcher matcher;
                try {
                    matcher = FileSystems.getDefault().getPathMatcher("glob:" + part.replace("{", "\\{").replace("}", "\\}"));
                } catch (java.util.regex.PatternSyntaxException e) {
                    continue; // "[" never closed, a trailing backslash: Java's glob refuses it, count it as no match
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.toString().isEmpty() ? Path.of(".") : dir)) {
                    for (Path entry : entries) {
                        Path name = entry.getFileName();
                        if (name.toString().startsWith(".") && !part.startsWith(".")) {
                            continue;
                        }
                        if (matcher.matches(name)) {
                            next.add(dir.resolve(name));
                        }
                    }
                } catch (IOException e) {
                    // unreadable or not a directory: no match, as glob(3)
                }
            }
            current = next;
        }
        try (Stream<Path> sorted = current.stream().sorted()) {
            return sorted.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
