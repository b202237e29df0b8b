package org.sshdoctor.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A user account: a passwd entry ({@link Accounts}), or the account this JVM runs as
 * ({@link #current()}), the one ssh would run as.
 *
 * @param name login name ({@code %u}, {@code Match localuser}, {@code Match User})
 * @param uid numeric user id ({@code %i}, the owner test of the permission rules)
 * @param gid primary group id
 * @param home home directory as written in passwd, not resolved ({@code ~}, {@code %d}, {@code %h})
 * @param shell login shell as written in passwd; empty when passwd leaves it empty (then /bin/sh is
 *     used) or, for {@link #current()}, when it was not looked up
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Account(String name, long uid, long gid, Path home, String shell) {
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(shell, "shell");
    }

    /**
     * The account this JVM runs as: user.name, user.home (the JDK takes it from the password
     * database's {@code pw_dir}, not $HOME, as OpenSSH does), the real uid and gid (-1 when unknown).
     * The shell is not looked up (empty); ask {@link Accounts#byName} for the full entry.
     */
    public static Account current() {
        return new Account(System.getProperty("user.name"), realId("Uid:"), realId("Gid:"),
                Path.of(System.getProperty("user.home")), "");
    }

    /** The same account with another home directory ({@code --home}). */
    public Account withHome(Path newHome) {
        return new Account(name, uid, gid, newHome, shell);
    }

    /** The real uid or gid, from /proc (Linux) or the JDK's UnixSystem; -1 when unknown. */
    private static long realId(String statusField) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(statusField)) {
                    return Long.parseLong(line.substring(statusField.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            com.sun.security.auth.module.UnixSystem system = new com.sun.security.auth.module.UnixSystem();
            return statusField.equals("Uid:") ? system.getUid() : system.getGid();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
