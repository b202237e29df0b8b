package org.sshdoctor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The effective client configuration for one host, like {@code ssh -G}, with the origin of every value.
 * Built by {@link ConfigResolver}; immutable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ResolvedConfig {
    /** 9.2's default identities, in the order ssh tries them when no IdentityFile is given. */
    public static final List<String> DEFAULT_IDENTITIES = List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa",
            "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa");

    private final ConfigRequest request;
    private final Map<String, ConfigEntry> singles;
    private final Map<String, List<ConfigEntry>> lists;
    private final ConfigEntry hostName;
    private final ConfigEntry user;
    private final ConfigEntry port;
    private final List<ConfigProblem> problems;
    private final List<Path> filesRead;
    private final List<Path> permissionChecked;
    private final boolean finalPass;

    ResolvedConfig(ConfigRequest request, Map<String, ConfigEntry> singles, Map<String, List<ConfigEntry>> lists,
            ConfigEntry hostName, ConfigEntry user, ConfigEntry port, List<ConfigProblem> problems,
            List<Path> filesRead, List<Path> permissionChecked, boolean finalPass) {
        this.request = request;
        this.singles = new LinkedHashMap<>(singles);
        Map<String, List<ConfigEntry>> copy = new LinkedHashMap<>();
        lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.lists = copy;
        this.hostName = hostName;
        this.user = user;
        this.port = port;
        this.problems = List.copyOf(problems);
        this.filesRead = List.copyOf(filesRead);
        this.permissionChecked = List.copyOf(permissionChecked);
        this.finalPass = finalPass;
    }

    public ConfigRequest request() {
        return request;
    }

    /** The host as typed ({@code %n}). */
    public String originalHost() {
        return request.host();
    }

    /** The name or address connected to: HostName with %h expanded, lower-cased (not address literals). */
    public String hostName() {
        return hostName.value();
    }

    public ConfigEntry hostNameEntry() {
        return hostName;
    }

    public String user() {
        return user.value();
    }

    public ConfigEntry userEntry() {
        return user;
    }

    public int port() {
        return Integer.parseInt(port.value());
    }

    public ConfigEntry portEntry() {
        return port;
    }

    /** The diagnosis target this configuration describes: the typed name, HostName, Port and User. */
    public org.sshdoctor.model.Target target() {
        return new org.sshdoctor.model.Target(originalHost(), hostName(), port(), user());
    }

    /** The value of a "first value wins" keyword (lower case), if anything set it. */
    public Optional<ConfigEntry> first(String keyword) {
        return Optional.ofNullable(singles.get(keyword));
    }

    /** Every value of an accumulating keyword, in the order obtained. */
    public List<ConfigEntry> all(String keyword) {
        return lists.getOrDefault(keyword, List.of());
    }

    /** IdentityFile entries ({@code -i} first), or the defaults when none was given; not yet expanded. */
    public List<ConfigEntry> identityFiles() {
        List<ConfigEntry> given = all("identityfile");
        if (!given.isEmpty()) {
            return given;
        }
        return DEFAULT_IDENTITIES.stream()
                .map(file -> ConfigEntry.of("identityfile", file, ConfigOrigin.defaultValue())).toList();
    }

    public List<ConfigEntry> certificateFiles() {
        return all("certificatefile");
    }

    public boolean identitiesOnly() {
        return first("identitiesonly").map(e -> isYes(e.value())).orElse(false);
    }

    public Optional<ConfigEntry> identityAgent() {
        return first("identityagent");
    }

    public Optional<ConfigEntry> proxyJump() {
        return first("proxyjump").filter(e -> e.keyword().equals("proxyjump"));
    }

    public Optional<ConfigEntry> proxyCommand() {
        return first("proxyjump").filter(e -> e.keyword().equals("proxycommand"));
    }

    /** Problems ssh would report (or that we could not simulate), in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Every configuration file read, in order. */
    public List<Path> filesRead() {
        return filesRead;
    }

    /** The files ssh checks for "Bad owner or permissions": ~/.ssh/config and every Included file. */
    public List<Path> permissionCheckedFiles() {
        return permissionChecked;
    }

    /** True when a second pass ran ({@code Match final}/{@code canonical}, CanonicalizeHostname). */
    public boolean finalPass() {
        return finalPass;
    }

    /**
     * The whole configuration in {@code ssh -G}'s spirit: user, hostname, port first, then every other
     * value that was set, then the identity and certificate files, each with its origin.
     */
    public List<ConfigEntry> effective() {
        List<ConfigEntry> out = new ArrayList<>();
        out.add(ConfigEntry.of("host", originalHost(), ConfigOrigin.derived("command line (host)")));
        out.add(user);
        out.add(hostName);
        out.add(port);
        singles.values().stream().filter(e -> !e.keyword().equals("hostname") && !e.keyword().equals("user")
                && !e.keyword().equals("port")).forEach(out::add);
        out.addAll(identityFiles());
        lists.forEach((k, v) -> {
            if (!k.equals("identityfile")) {
                out.addAll(v);
            }
        });
        return out;
    }

    /**
     * Expands a path as ssh does for IdentityFile, CertificateFile and IdentityAgent: {@code ~}, the
     * tokens {@code %% %C %d %h %i %k %L %l %n %p %r %u}, then {@code ${VAR}}.
     *
     * @throws IllegalArgumentException for an unknown token or an unset variable, as ssh fails
     */
    public String expandPath(String raw) {
        String home = request.account().home().toString();
        return Tokens.dollar(Tokens.percent(Tokens.tilde(raw, home), tokens()), request.environment());
    }

    /** The token values for this connection. */
    public Map<Character, String> tokens() {
        String local = request.localHostName();
        int dot = local.indexOf('.');
        Map<Character, String> t = new LinkedHashMap<>();
        t.put('C', connectionHash());
        t.put('d', request.account().home().toString());
        t.put('h', hostName());
        t.put('i', Long.toString(request.account().uid()));
        t.put('k', first("hostkeyalias").map(ConfigEntry::value).orElse(originalHost()));
        t.put('L', dot < 0 ? local : local.substring(0, dot));
        t.put('l', local);
        t.put('n', originalHost());
        t.put('p', Integer.toString(port()));
        t.put('r', user());
        t.put('u', request.account().name());
        return t;
    }

    /** {@code %C}: SHA-1 of local host name, host, port and user, in hex. */
    String connectionHash() {
        return ConnectionHash.of(request.localHostName(), hostName(), Integer.toString(port()), user());
    }

    static boolean isYes(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true");
    }
}
