package org.sshdoctor.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a configuration value came from: a file and line, the command line, or OpenSSH's default.
 *
 * @param kind the kind of source
 * @param file the file, for {@link Kind#FILE}; empty otherwise
 * @param line the 1-based line in the file, or 0
 * @param what for command-line values, the option that set it ({@code -o}, {@code -l}, {@code user@host}...)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigOrigin(Kind kind, Optional<Path> file, int line, String what) {

    /** The kinds of source ssh reads values from. */
    public enum Kind { FILE, COMMAND_LINE, DEFAULT, DERIVED }

    public ConfigOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(what, "what");
    }

    public static ConfigOrigin file(Path file, int line) {
        return new ConfigOrigin(Kind.FILE, Optional.of(file), line, "");
    }

    public static ConfigOrigin commandLine(String what) {
        return new ConfigOrigin(Kind.COMMAND_LINE, Optional.empty(), 0, what);
    }

    public static ConfigOrigin defaultValue() {
        return new ConfigOrigin(Kind.DEFAULT, Optional.empty(), 0, "");
    }

    /** A value ssh computes itself, e.g. HostName from the host argument. */
    public static ConfigOrigin derived(String how) {
        return new ConfigOrigin(Kind.DERIVED, Optional.empty(), 0, how);
    }

    /** {@code /home/u/.ssh/config:12}, {@code command line (-o)}, {@code default}... */
    public String describe() {
        return switch (kind) {
            case FILE -> file.map(Path::toString).orElse("?") + ":" + line;
            case COMMAND_LINE -> "command line (" + what + ")";
            case DEFAULT -> "default";
            case DERIVED -> what;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
