package org.sshdoctor.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.model.AddressLiterals;
import org.sshdoctor.openssh.Glob;
import org.sshdoctor.openssh.Patterns;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.os.SecurePermissions;

/**
 * Resolves the client configuration for one host the way OpenSSH 9.2 does ({@code ssh.c},
 * {@code readconf.c}): command line first, then {@code -F FILE} or ~/.ssh/config and
 * /etc/ssh/ssh_config; first obtained value wins; Host and Match blocks; Include with globs; a
 * second pass when {@code Match final} or CanonicalizeHostname asks for it. Never connects; runs
 * {@code Match exec} commands through the request's {@link ConfigRequest.MatchExec}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigResolver {
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final ConfigRequest request;
    private final SecurePermissions permissions;
    private final Map<String, ConfigEntry> singles = new LinkedHashMap<>();
    private final Map<String, List<ConfigEntry>> lists = new LinkedHashMap<>();
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();
    private final Set<Path> filesRead = new LinkedHashSet<>();
    private final Set<Path> permissionChecked = new LinkedHashSet<>();
    private final MatchEvaluator matcher;
    private boolean finalPass;
    private boolean wantFinalPass;
    private String host;

    private ConfigResolver(ConfigRequest request, SecurePermissions permissions) {
        this.request = request;
        this.permissions = permissions;
        this.host = request.host();
        this.matcher = new MatchEvaluator(this);
    }

    /** Resolves with this machine's permission rules. */
    public static ResolvedConfig resolve(ConfigRequest request) {
        return resolve(request, SecurePermissions.system());
    }

    public static ResolvedConfig resolve(ConfigRequest request, SecurePermissions permissions) {
        return new ConfigResolver(request, permissions).run();
    }

    private ResolvedConfig run() {
        commandLine();
        readFiles();
        String hostName = firstPassHostName();
        ConfigEntry hostNameEntry = singles.containsKey("hostname")
                ? new ConfigEntry("hostname", List.of(hostName), singles.get("hostname").origin())
                : ConfigEntry.of("hostname", hostName, ConfigOrigin.derived("the host argument"));
        boolean canonicalize = first("canonicalizehostname").map(v -> !v.equalsIgnoreCase("no")
                && !v.equalsIgnoreCase("false")).orElse(false);
        if (canonicalize) {
            problems.add(new ConfigProblem(ConfigProblem.Kind.NOT_SIMULATED, singles.get("canonicalizehostname").origin(),
                    "CanonicalizeHostname: the DNS search for a canonical name is not simulated; "
                            + "the host name is used as given"));
        }
        if (canonicalize || wantFinalPass) {
            finalPass = true;
            host = hostName;
            singles.put("hostname", hostNameEntry);
            readFiles();
        }
        singles.remove("hostname");
        ConfigEntry user = singles.containsKey("user") ? singles.remove("user")
                : ConfigEntry.of("user", request.account().name(), ConfigOrigin.derived("the local user name"));
        ConfigEntry port = singles.containsKey("port") ? singles.remove("port")
                : ConfigEntry.of("port", "22", ConfigOrigin.defaultValue());
        if (!validPort(port.value())) { // ssh refuses the file; found by ConfigFuzzTest ("Port 22\u00e922")
            problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, port.origin(), "Badly formatted port number."));
            port = ConfigEntry.of("port", "22", ConfigOrigin.defaultValue());
        }
        return new ResolvedConfig(request, singles, lists, hostNameEntry, user, port, List.copyOf(problems),
                List.copyOf(filesRead), List.copyOf(permissionChecked), finalPass);
    }

    /** HostName with %h expanded, lower-cased unless an address literal (ssh.c after the first pass). */
    private String firstPassHostName() {
        String name = request.host();
        ConfigEntry entry = singles.get("hostname");
        if (entry != null) {
            try {
                name = Tokens.percent(entry.value(), Map.of('h', request.host()));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, entry.origin(), e.getMessage()));
            }
        }
        return AddressLiterals.isLiteral(name) ? name : name.toLowerCase(Locale.ROOT);
    }

    private void commandLine() {
        for (String option : request.options()) {
            processLine(option, ConfigOrigin.commandLine("-o " + option), true, false, 0, new boolean[] {true}, true);
        }
        for (String file : request.identityFiles()) {
            String path = Tokens.tilde(file, request.account().home().toString());
            if (Files.exists(Path.of(path))) {
                addToList(ConfigEntry.of("identityfile", path, ConfigOrigin.commandLine("-i " + file)));
            } else {
                problems.add(new ConfigProblem(ConfigProblem.Kind.UNREADABLE, ConfigOrigin.commandLine("-i " + file),
                        "Warning: Identity file " + path + " not accessible: No such file or directory."));
            }
        }
        request.user().ifPresent(u -> singles.putIfAbsent("user", ConfigEntry.of("user", u, ConfigOrigin.commandLine("-l / user@host"))));
        request.port().ifPresent(p -> singles.putIfAbsent("port", ConfigEntry.of("port", Integer.toString(p), ConfigOrigin.commandLine("-p"))));
    }

    private void readFiles() {
        Optional<String> file = request.configFile();
        if (file.isPresent()) {
            if (!file.get().equalsIgnoreCase("none")) {
                Path path = Path.of(Tokens.tilde(file.get(), request.account().home().toString()));
                if (!Files.isReadable(path)) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.UNREADABLE, ConfigOrigin.commandLine("-F"),
                            "Can't open user config file " + path + ": No such file or directory"));
                }
                readFile(path, true, false, false, 0, new boolean[] {true});
            }
            return;
        }
        Path user = request.account().home().resolve(".ssh/config");
        if (Files.exists(user)) {
            readFile(user, true, true, false, 0, new boolean[] {true});
        }
        if (Files.exists(request.systemConfig())) {
            readFile(request.systemConfig(), false, false, false, 0, new boolean[] {true});
        }
    }

    /** {@code read_config_file_depth}; {@code active[0]} is the Host/Match state, shared with the includer. */
    private void readFile(Path file, boolean userConf, boolean checkPerm, boolean neverMatch, int depth, boolean[] active) {
        if (checkPerm) {
            permissionChecked.add(file);
            Optional<String> bad = FileStat.of(file).flatMap(st -> permissions.problem(st, request.account().uid()));
            if (bad.isPresent()) {
                problems.add(new ConfigProblem(ConfigProblem.Kind.BAD_PERMISSIONS, ConfigOrigin.file(file, 0),
                        "Bad owner or permissions on " + file + " (" + bad.get() + ")"));
                return;
            }
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return;
            }
        }
        filesRead.add(file);
        for (int i = 0; i < lines.size(); i++) {
            processLine(beforeNul(lines.get(i)), ConfigOrigin.file(file, i + 1), userConf, neverMatch, depth, active, false);
        }
    }

    private void processLine(String raw, ConfigOrigin origin, boolean userConf, boolean neverMatch, int depth,
            boolean[] active, boolean commandLine) {
        Optional<ConfigLine> parsed;
        try {
            parsed = ConfigLine.parse(raw);
        } catch (ConfigLine.SyntaxException e) {
            problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, e.getMessage()));
            return;
        }
        if (parsed.isEmpty()) {
            return;
        }
        ConfigLine line = parsed.get();
        String keyword = Keywords.canonical(line.keyword());
        switch (keyword) {
            case "host" -> {
                if (commandLine) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "Host directive not supported as a command-line option"));
                    return;
                }
                active[0] = !neverMatch && HostPatterns.hostLineMatches(host, line.args());
            }
            case "match" -> {
                if (commandLine) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "Match directive not supported as a command-line option"));
                    return;
                }
                try {
                    boolean matched = matcher.matches(line.args(), origin);
                    active[0] = !neverMatch && matched;
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, e.getMessage()));
                    active[0] = false;
                }
            }
            case "include" -> {
                if (commandLine) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "Include directive not supported as a command-line option"));
                    return;
                }
                include(line.args(), origin, userConf, neverMatch, depth, active);
            }
            default -> setOption(keyword, line.args(), origin, active[0]);
        }
    }

    private void include(List<String> patterns, ConfigOrigin origin, boolean userConf, boolean neverMatch, int depth,
            boolean[] active) {
        if (depth >= MAX_INCLUDE_DEPTH) {
            problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "Too many recursive configuration includes"));
            return;
        }
        boolean wasActive = active[0];
        for (String pattern : patterns) {
            String path;
            if (pattern.startsWith("~")) {
                if (!userConf) {
                    problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "bad include path " + pattern));
                    continue;
                }
                path = Tokens.tilde(pattern, request.account().home().toString());
            } else if (!pattern.startsWith("/")) {
                path = (userConf ? request.account().home().resolve(".ssh") : Path.of("/etc/ssh")).resolve(pattern).toString();
            } else {
                path = pattern;
            }
            for (Path file : include(path)) {
                readFile(file, userConf, true, neverMatch || !wasActive, depth + 1, active);
                active[0] = wasActive;
            }
        }
    }

    private void setOption(String keyword, List<String> args, ConfigOrigin origin, boolean active) {
        if (!Keywords.KNOWN.contains(keyword)) {
            if (Keywords.DEPRECATED.contains(keyword)) {
                problems.add(new ConfigProblem(ConfigProblem.Kind.DEPRECATED, origin,
                        "Deprecated option \"" + keyword + "\" (ignored by OpenSSH 9)"));
                return;
            }
            boolean ignored = first("ignoreunknown").map(list -> Patterns.matchPatternList(keyword, list, true) == 1).orElse(false);
            if (!ignored) {
                problems.add(new ConfigProblem(ConfigProblem.Kind.UNKNOWN_KEYWORD, origin,
                        "Bad configuration option: " + keyword));
            }
            return;
        }
        if (args.isEmpty()) {
            problems.add(new ConfigProblem(ConfigProblem.Kind.SYNTAX, origin, "no argument after keyword \"" + keyword + "\""));
            return;
        }
        if (!active) {
            return;
        }
        ConfigEntry entry = new ConfigEntry(keyword, args, origin);
        if (Keywords.ACCUMULATING.contains(keyword)) {
            if (keyword.equals("identityfile") || keyword.equals("certificatefile")) {
                entry = new ConfigEntry(keyword, List.of(args.get(0)), origin);
            }
            addToList(entry);
        } else {
            singles.putIfAbsent(Keywords.slot(keyword), entry);
        }
    }

    private void addToList(ConfigEntry entry) {
        List<ConfigEntry> list = lists.computeIfAbsent(entry.keyword(), k -> new ArrayList<>());
        boolean duplicate = (entry.keyword().equals("identityfile") || entry.keyword().equals("certificatefile"))
                && list.stream().anyMatch(e -> e.value().equals(entry.value()));
        if (!duplicate) {
            list.add(entry);
        }
    }

    // --- state read by MatchEvaluator ---

    ConfigRequest request() {
        return request;
    }

    boolean finalPass() {
        return finalPass;
    }

    void requestFinalPass() {
        wantFinalPass = true;
    }

    Optional<String> first(String keyword) {
        return Optional.ofNullable(singles.get(keyword)).map(ConfigEntry::value);
    }

    /** The host {@code Match host} sees: HostName so far (%h expanded), else the argument. */
    String matchHost() {
        if (finalPass) {
            return singles.get("hostname").value();
        }
        return first("hostname").map(h -> {
            try {
                return Tokens.percent(h, Map.of('h', request.host()));
            } catch (IllegalArgumentException e) {
                return h;
            }
        }).orElse(request.host());
    }

    /** The remote user so far: User, -l, user@, else the local name. */
    String matchUser() {
        return first("user").orElse(request.account().name());
    }

    /** ssh parses each line as a C string, so a NUL byte ends it (found by ConfigFuzzTest: paths with NUL threw). */
    static String beforeNul(String line) {
        int nul = line.indexOf('\0');
        return nul < 0 ? line : line.substring(0, nul);
    }

    private static boolean validPort(String value) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= 65535;
    }

    int matchPort() {
        return first("port").map(p -> {
            try {
                return Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return 22;
            }
        }).orElse(22);
    }

    /** Include's files: glob(3), except that a pattern without wildcards names its file as it is. */
    private static List<Path> include(String pattern) {
        if (!Glob.hasWildcard(pattern)) {
            return Files.exists(Path.of(pattern)) ? List.of(Path.of(pattern)) : List.of();
        }
        return Glob.expand(Path.of(pattern));
    }
}
