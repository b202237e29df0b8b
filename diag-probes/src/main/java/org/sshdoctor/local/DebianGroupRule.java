package org.sshdoctor.local;

import java.util.List;
import java.util.Optional;
import org.sshdoctor.os.FileStat;

/**
 * Debian's {@code user-group-modes.patch} ({@code misc.c secure_permissions}): group-write on a
 * file or directory is accepted when its group is the user's private group, i.e. every account
 * whose primary group it is has the user's uid, the member list is empty or only the owner, and the
 * group has at least one member. Other-write is always refused.
 */
final class DebianGroupRule {
    private final Accounts accounts;

    DebianGroupRule(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Why the group of {@code stat} is private to {@code uid}, or empty when it is not. */
    Optional<String> privateGroup(FileStat stat, int uid) {
        Optional<Group> group = accounts.group((int) stat.gid());
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
        Optional<String> ownerName = accounts.byUid((int) stat.uid()).map(Account::name);
        if (!listed.isEmpty()) {
            if (listed.size() != 1 || ownerName.isEmpty() || !listed.get(0).equals(ownerName.get())) {
                return Optional.empty();
            }
            members++;
        }
        return members == 0 ? Optional.empty()
                : Optional.of("group " + group.get().name() + " has only the user as member");
    }

    /** Who shares the group, for explaining a refusal: "group ann also has bob". */
    String sharing(int gid) {
        String name = accounts.group(gid).map(Group::name).orElse("gid " + gid);
        List<String> primary = accounts.all().stream().filter(a -> a.gid() == gid).map(Account::name).toList();
        List<String> listed = accounts.group(gid).map(Group::members).orElse(List.of());
        return "group " + name + " is the primary group of " + (primary.isEmpty() ? "nobody" : String.join(", ", primary))
                + (listed.isEmpty() ? " and lists no members" : " and lists members " + String.join(", ", listed));
    }
}
