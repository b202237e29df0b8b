package org.sshdoctor.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * OpenSSH's {@code secure_permissions} ({@code misc.c}), shared by ssh (its config files,
 * {@code readconf.c}) and sshd (StrictModes): the owner must be root or the user, and the file
 * must not be group- or world-writable. Debian and Ubuntu ({@code user-group-modes.patch}) accept
 * group write when the group is the user's private group: it exists, every account whose primary
 * group it is has the user's uid, its member list is empty or only the owner, and it has at least
 * one member. Other-write is always refused.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SecurePermissions {
    private final Accounts accounts;
    private final boolean debianGroupRule;

    /**
     * @param accounts the user and group database the group rule reads
     * @param debianGroupRule apply Debian's private-group exception
     */
    public SecurePermissions(Accounts accounts, boolean debianGroupRule) {
        this.accounts = accounts;
        this.debianGroupRule = debianGroupRule;
    }

    /** The rules of this machine's ssh: Debian's when /etc/debian_version exists. */
    public static SecurePermissions system() {
        return new SecurePermissions(Accounts.system(), Files.exists(Path.of("/etc/debian_version")));
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
            if (debianGroupRule && privateGroup(stat, uid).isPresent()) {
                return Optional.empty();
            }
            return Optional.of("writable by its group (mode " + stat.octalAsSshPrints() + ")"
                    + (debianGroupRule ? " and the group has other members than the user" : ""));
        }
        return Optional.empty();
    }

    /**
     * Why the group of {@code stat} is private to {@code uid} in Debian's sense, or empty when it is
     * not; answers whether or not this rule set applies the exception, so callers can say what a
     * Debian build would do.
     */
    public Optional<String> privateGroup(FileStat stat, long uid) {
        Optional<Group> group = accounts.group(stat.gid());
        if (group.isEmpty()) {
            return Optional.empty();
        }
        int members = 0;
        for (Account a : accounts.all()) {
            if (a.gid() == stat.gid()) {
                if (a.uid() != uid) {
                    return Optional.empty();
                }
                members++;
            }
        }
        List<String> listed = group.get().members();
        Optional<String> ownerName = accounts.byUid(stat.uid()).map(Account::name);
        if (!listed.isEmpty()) {
            if (listed.size() != 1 || ownerName.isEmpty() || !listed.get(0).equals(ownerName.get())) {
                return Optional.empty();
            }
            members++;
        }
        return members == 0 ? Optional.empty()
                : Optional.of("group " + group.get().name() + " has only the user as member");
    }

    /** Who shares the group, for explaining a refusal: "group ann is the primary group of ann, bob ...". */
    public String sharing(long gid) {
        String name = accounts.group(gid).map(Group::name).orElse("gid " + gid);
        List<String> primary = accounts.all().stream().filter(a -> a.gid() == gid).map(Account::name).toList();
        List<String> listed = accounts.group(gid).map(Group::members).orElse(List.of());
        return "group " + name + " is the primary group of " + (primary.isEmpty() ? "nobody" : String.join(", ", primary))
                + (listed.isEmpty() ? " and lists no members" : " and lists members " + String.join(", ", listed));
    }
}
