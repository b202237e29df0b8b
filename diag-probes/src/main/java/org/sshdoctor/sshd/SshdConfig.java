package org.sshdoctor.sshd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A parsed sshd_config with its Includes, and the rules sshd uses to pick each value for a
 * connection. sshd reads the file twice: once with no connection (lines outside Match blocks, and
 * under {@code Match all}), then for each connection only the Match blocks that hold. A value from a
 * holding Match block replaces the global one; within each pass the first line read wins, except
 * for the keywords that accumulate (AllowUsers, DenyUsers, AllowGroups, DenyGroups, AcceptEnv,
 * HostKey, Port, ListenAddress, Subsystem).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshdConfig {
    /** The system configuration directory: relative Include paths point there. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/etc/ssh");

    /** sshd 9.2's defaults for the keywords sshdoctor reasons about (upstream, not a distribution's file). */
    private static final Map<String, List<String>> DEFAULTS = Map.ofEntries(
            Map.entry("strictmodes", List.of("yes")),
            Map.entry("authorizedkeysfile", List.of(".ssh/authorized_keys", ".ssh/authorized_keys2")),
            Map.entry("usepam", List.of("no")),
            Map.entry("chrootdirectory", List.of("none")),
            Map.entry("forcecommand", List.of("none")),
            Map.entry("pubkeyauthentication", List.of("yes")),
            Map.entry("passwordauthentication", List.of("yes")),
            Map.entry("permitrootlogin", List.of("without-password")),
            Map.entry("revokedkeys", List.of("none")),
            Map.entry("trustedusercakeys", List.of("none")),
            Map.entry("authorizedkeyscommand", List.of("none")),
            Map.entry("authorizedprincipalsfile", List.of("none")),
            Map.entry("maxauthtries", List.of("6")),
            Map.entry("loglevel", List.of("INFO")),
            Map.entry("hostkey", List.of("/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key",
                    "/etc/ssh/ssh_host_ed25519_key")),
            Map.entry("pubkeyacceptedalgorithms", List.of(String.join(",",
                    "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
                    "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
                    "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
                    "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519",
                    "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512",
                    "rsa-sha2-256"))));

    private final Path file;
    private final List<Directive> directives;
    private final List<ConfigProblem> problems;

    SshdConfig(Path file, List<Directive> directives, List<ConfigProblem> problems) {
        this.file = file;
        this.directives = List.copyOf(directives);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code file} and its Includes (relative ones under {@link #SYSTEM_DIRECTORY}).
     *
     * @throws IOException when {@code file} itself cannot be read; unreadable Includes become problems
     */
    public static SshdConfig read(Path file) throws IOException {
        return read(file, SYSTEM_DIRECTORY);
    }

    /** As {@link #read(Path)}, with relative Includes resolved under {@code systemDirectory}. */
    public static SshdConfig read(Path file, Path systemDirectory) throws IOException {
        return SshdConfigParser.parse(file, systemDirectory);
    }

    public Path file() {
        return file;
    }

    /** Every keyword line, in the order sshd reads them (Includes expanded in place). */
    public List<Directive> directives() {
        return directives;
    }

    /** Lines sshd rejects or ignores, in file order; empty for a clean config. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The effective value of {@code keyword} (any case, aliases allowed) for the connection. */
    public Setting setting(String keyword, ConnectionSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = SshdKeywords.lookup(keyword).map(SshdKeywords.Keyword::name)
                .orElse(keyword.toLowerCase(Locale.ROOT));
        boolean appends = SshdKeywords.lookup(name).map(k -> k.combine() == SshdKeywords.Combine.APPEND)
                .orElse(false);
        // Only keywords allowed in Match are copied from the second pass (copy_set_server_options).
        boolean matchable = SshdKeywords.lookup(name).map(SshdKeywords.Keyword::inMatch).orElse(false);
        List<Directive> global = new ArrayList<>();
        List<Directive> matched = new ArrayList<>();
        for (Directive d : directives) {
            if (!d.keyword().equals(name)) {
                continue;
            }
            if (d.activeGlobally() && (appends || global.isEmpty())) {
                global.add(d);
            }
            if (matchable && d.activeInMatch(spec) && (appends || matched.isEmpty())) {
                matched.add(d);
            }
        }
        List<String> defaults = DEFAULTS.getOrDefault(name, List.of());
        return new Setting(name, matched.isEmpty() ? global : matched, defaults);
    }

    /** The Match lines, in file order (for listing who a config treats specially). */
    public List<MatchCondition> matchConditions() {
        List<MatchCondition> seen = new ArrayList<>();
        for (Directive d : directives) {
            for (MatchCondition m : d.guards()) {
                if (!seen.contains(m)) {
                    seen.add(m);
                }
            }
        }
        return seen;
    }
}
