package org.sshdoctor.sshd;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a configuration value came from: a file and a 1-based line number.
 *
 * @param file the file as sshd opened it (Include paths after glob expansion)
 * @param line the line number, from 1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Origin(Path file, int line) {
    public Origin {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    /** {@code file:line}, as editors and compilers print it. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
