package org.sshdoctor.local;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A passwd entry.
 *
 * @param name login name
 * @param uid numeric user id
 * @param gid primary group id
 * @param home home directory as written in passwd (not resolved)
 * @param shell login shell as written in passwd; may be empty (then /bin/sh is used)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Account(String name, int uid, int gid, Path home, String shell) {
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(shell, "shell");
    }
}
