package org.sshdoctor.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The local account ssh runs as: its name, home directory (the password database's, not $HOME, as
 * OpenSSH uses {@code pw_dir}) and numeric uid.
 *
 * @param name login name ({@code %u}, {@code Match localuser})
 * @param home home directory ({@code ~}, {@code %d})
 * @param uid real uid ({@code %i}, the owner test of the key and config permission rules)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LocalAccount(String name, Path home, long uid) {
    public LocalAccount {
        requireNonNull(name, "name");
        requireNonNull(home, "home");
    }

    /** The account this JVM runs as. */
    public static LocalAccount current() {
        return new LocalAccount(System.getProperty("user.name"), Path.of(System.getProperty("user.home")), realUid());
    }

    /** The same account with another home directory ({@code --home}). */
    public LocalAccount withHome(Path newHome) {
        return new LocalAccount(name, newHome, uid);
    }

    /** The named account from /etc/passwd, if it has an entry there. */
    public static Optional<LocalAccount> lookup(String user) {
        return lookup(user, Path.of("/etc/passwd"));
    }

    static Optional<LocalAccount> lookup(String user, Path passwd) {
        try {
            List<String> lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(user)) {
                    return Optional.of(new LocalAccount(f[0], Path.of(f[5]), Long.parseLong(f[2])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The real uid, from /proc (Linux) or the JDK's UnixSystem; -1 when unknown. */
    static long realUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
