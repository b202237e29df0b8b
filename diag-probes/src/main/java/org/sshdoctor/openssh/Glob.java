package org.sshdoctor.openssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code glob(3)} as ssh ({@code readconf.c}) and sshd ({@code servconf.c}) call it for Include:
 * {@code * ? [...]} per path component, braces are literal (no {@code GLOB_BRACE}), wildcards never
 * match a leading dot unless the pattern component starts with one, the results sorted as whole
 * paths, only regular files kept. A pattern without matches, an unreadable directory or a malformed
 * pattern gives nothing.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Glob {
    private Glob() {}

    /** The regular files {@code pattern} matches, sorted. */
    public static List<Path> expand(Path pattern) {
        List<Path> current = List.of(pattern.getRoot() == null ? Path.of("") : pattern.getRoot());
        for (Path component : pattern) {
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
                matching(dir, part, next);
            }
            current = next;
        }
        return current.stream().sorted().filter(Files::isRegularFile).toList();
    }

    /** Whether a pattern has a wildcard glob(3) expands. */
    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static void matching(Path dir, String part, List<Path> into) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.toString().isEmpty() ? Path.of(".") : dir)) {
            PathMatcher matcher = FileSystems.getDefault()
                    .getPathMatcher("glob:" + part.replace("{", "\\{").replace("}", "\\}"));
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if ((!name.toString().startsWith(".") || part.startsWith(".")) && matcher.matches(name)) {
                    into.add(dir.resolve(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable, not a directory or a malformed pattern: no match there, as glob(3)
        }
    }
}
