package org.sshdoctor.os;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The user and group database, as ssh and sshd see it through NSS. {@link #system()} asks
 * {@code getent}; tests pass their own or {@link #files(Path)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Accounts {
    Optional<Account> byName(String name);

    Optional<Account> byUid(long uid);

    Optional<Group> group(long gid);

    /** Every enumerable account, in database order. */
    List<Account> all();

    /** Every enumerable group, in database order. */
    List<Group> groups();

    /** The encrypted password field from shadow; empty when shadow is unreadable or has no entry. */
    Optional<String> shadowPassword(String name);

    /** A uid for people: "ann (uid 1000)", or "uid 1000" when no account has it. */
    default String describeUid(long uid) {
        return byUid(uid).map(a -> a.name() + " (uid " + uid + ")").orElse("uid " + uid);
    }

    /** The names of the account's groups: primary first, then each group listing it as member. */
    default List<String> groupNames(Account account) {
        List<String> names = new ArrayList<>();
        group(account.gid()).ifPresent(g -> names.add(g.name()));
        for (Group g : groups()) {
            if (g.gid() != account.gid() && g.members().contains(account.name()) && !names.contains(g.name())) {
                names.add(g.name());
            }
        }
        return names;
    }

    /** The accounts of this machine, read with getent (so LDAP/SSSD users count), or the files. */
    static Accounts system() {
        return new SystemAccounts(true, Path.of("/etc"));
    }

    /** The accounts in {@code directory}'s passwd, group and shadow files only (fixtures, chroots). */
    static Accounts files(Path directory) {
        return new SystemAccounts(false, directory);
    }
}
