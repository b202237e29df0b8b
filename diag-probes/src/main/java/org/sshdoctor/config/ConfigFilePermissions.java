package org.sshdoctor.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.os.FileStat;

/**
 * The client's check on ~/.ssh/config and every Included file ({@code readconf.c}, SSHCONF_CHECKPERM):
 * the owner must be root or the user, and the file must not be group- or world-writable. Debian and
 * Ubuntu accept group write when the group's only member is the user ({@code user-group-modes.patch}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigFilePermissions {
    private final Path passwd;
    private final Path group;
    private final boolean debianGroupRule;

    public ConfigFilePermissions(Path passwd, Path group, boolean debianGroupRule) {
        this.passwd = passwd;
        this.group = group;
        this.debianGroupRule = debianGroupRule;
    }

    /** The rules of this machine: Debian's when /etc/debian_version exists. */
    public static ConfigFilePermissions system() {
        return new ConfigFilePermissions(Path.of("/etc/passwd"), Path.of("/etc/group"),
                Files.exists(Path.of("/etc/debian_version")));
    }

    /** Why ssh would reject the file for user {@code uid} ("Bad owner or permissions"), if it would. */
    public Optional<String> problem(FileStat stat, long uid) {
        if (stat.uid() != 0 && stat.uid() != uid) {
            return Optional.of("owned by uid " + stat.uid() + ", neither root nor the user (uid " + uid + ")");
        }
        if ((stat.mode() & 002) != 0) {
            return Optional.of("writable by everyone (mode " + stat.octalAsSshPrints() + ")");
        }
        if ((stat.mode() & 020) != 0) {
            if (debianGroupRule && groupIsOnlyUser(stat.gid(), stat.uid(), uid)) {
                return Optional.empty();
            }
            return Optional.of("writable by its group (mode " + stat.octalAsSshPrints() + ")"
                    + (debianGroupRule ? " and the group has other members than the user" : ""));
        }
        return Optional.empty();
    }

    /** Debian's {@code secure_permissions}: the group has exactly one member, the user. */
    boolean groupIsOnlyUser(long gid, long ownerUid, long uid) {
        try {
            List<String> users = Files.readAllLines(passwd, StandardCharsets.UTF_8);
            int members = 0;
            String ownerName = null;
            for (String line : users) {
                String[] f = line.split(":", -1);
                if (f.length < 4) {
                    continue;
                }
                if (f[2].equals(Long.toString(ownerUid))) {
                    ownerName = f[0];
                }
                if (f[3].equals(Long.toString(gid))) {
                    members++;
                    if (!f[2].equals(Long.toString(uid))) {
                        return false;
                    }
                }
            }
            for (String line : Files.readAllLines(group, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[2].equals(Long.toString(gid)) && !f[3].isEmpty()) {
                    String[] listed = f[3].split(",");
                    members++;
                    if (ownerName == null || !listed[0].equals(ownerName) || listed.length > 1) {
                        return false;
                    }
                }
            }
            return members > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
