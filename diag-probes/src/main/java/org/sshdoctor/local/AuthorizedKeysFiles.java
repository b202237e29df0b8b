package org.sshdoctor.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sshdoctor.openssh.PercentExpand;
import org.sshdoctor.os.Account;

/**
 * {@code auth.c expand_authorized_keys}: each AuthorizedKeysFile entry with {@code %% %h %u %U}
 * expanded; a path still relative gets the home directory prepended; {@code none} is skipped.
 */
final class AuthorizedKeysFiles {
    private AuthorizedKeysFiles() {}

    /** A configured entry and where it points for the user; {@code error} is set when expansion fails. */
    record Entry(String configured, Path path, String error) {}

    static List<Entry> expand(List<String> configured, Account account) {
        List<Entry> entries = new ArrayList<>();
        for (String value : configured) {
            if (value.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                String expanded = PercentExpand.expand(value, Map.of('h', account.home().toString(),
                        'u', account.name(), 'U', Long.toString(account.uid())));
                Path path = expanded.startsWith("/") ? Path.of(expanded) : account.home().resolve(expanded);
                entries.add(new Entry(value, path, ""));
            } catch (IllegalArgumentException e) {
                entries.add(new Entry(value, account.home(), e.getMessage()));
            }
        }
        return entries;
    }
}
