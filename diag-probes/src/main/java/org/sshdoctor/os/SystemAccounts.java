package org.sshdoctor.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link Accounts} from {@code getent passwd|group|shadow}, falling back to the passwd, group and
 * shadow files when getent is missing (or not asked). Read once per instance.
 */
final class SystemAccounts implements Accounts {
    private final boolean useGetent;
    private final Path directory;
    private List<Account> accounts;
    private List<Group> groups;

    /**
     * @param useGetent ask getent first (NSS: LDAP, SSSD), as ssh and sshd do
     * @param directory where the passwd, group and shadow files are (/etc)
     */
    SystemAccounts(boolean useGetent, Path directory) {
        this.useGetent = useGetent;
        this.directory = directory;
    }

    @Override
    public Optional<Account> byName(String name) {
        Optional<Account> listed = all().stream().filter(a -> a.name().equals(name)).findFirst();
        // Directories such as LDAP may not enumerate: ask for the name itself too.
        return listed.isPresent() ? listed : getent("passwd", name).stream().map(SystemAccounts::account)
                .flatMap(Optional::stream).findFirst();
    }

    @Override
    public Optional<Account> byUid(long uid) {
        return all().stream().filter(a -> a.uid() == uid).findFirst();
    }

    @Override
    public Optional<Group> group(long gid) {
        return groups().stream().filter(g -> g.gid() == gid).findFirst();
    }

    @Override
    public synchronized List<Account> all() {
        if (accounts == null) {
            accounts = read("passwd").stream().map(SystemAccounts::account).flatMap(Optional::stream).toList();
        }
        return accounts;
    }

    @Override
    public synchronized List<Group> groups() {
        if (groups == null) {
            groups = read("group").stream().map(SystemAccounts::group).flatMap(Optional::stream).toList();
        }
        return groups;
    }

    @Override
    public Optional<String> shadowPassword(String name) {
        List<String> lines = getent("shadow", name);
        if (lines.isEmpty()) {
            lines = file("shadow").stream().filter(l -> l.startsWith(name + ":")).toList();
        }
        return lines.stream().map(l -> l.split(":", -1)).filter(f -> f.length > 1 && f[0].equals(name))
                .map(f -> f[1]).findFirst();
    }

    private List<String> read(String database) {
        List<String> lines = getent(database, null);
        return lines.isEmpty() ? file(database) : lines;
    }

    private List<String> file(String database) {
        try {
            return Files.readAllLines(directory.resolve(database), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<String> getent(String database, String key) {
        if (!useGetent) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("getent", database));
        if (key != null) {
            command.add(key);
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return p.exitValue() == 0 ? out.lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static Optional<Account> account(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Account(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), Path.of(f[5]), f[6]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Group> group(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 4) {
            return Optional.empty();
        }
        try {
            List<String> members = f[3].isEmpty() ? List.of() : Arrays.asList(f[3].split(","));
            return Optional.of(new Group(f[0], Long.parseLong(f[2]), members));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
