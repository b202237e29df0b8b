package org.sshdoctor.fleet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads the targets of a fleet scan from a file's lines: a plain list (one target per line, {@code #}
 * comments), an OpenSSH known_hosts file, or an ssh_config file. The kind is recognised from the
 * content. Entries that cannot name a host (hashed known_hosts names, wildcard patterns) are counted
 * and reported, not silently dropped.
 *
 * @param targets target strings with where each came from ({@code hosts.txt:7}), duplicates removed
 * @param kind what the file was recognised as: {@code list}, {@code known_hosts} or {@code ssh_config}
 * @param skipped entries that name no concrete host, with the reason
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FleetInput(List<Entry> targets, String kind, List<String> skipped) {

    /** One target and its origin. */
    public record Entry(String target, String origin) {}

    private static final Pattern KNOWN_HOSTS_LINE =
            Pattern.compile("^(@\\S+\\s+)?\\S+\\s+(ssh-|ecdsa-|sk-|rsa-)\\S*\\s+AAAA\\S*.*");
    private static final Pattern CONFIG_LINE = Pattern.compile("^\\s*(Host|Match)(\\s+|\\s*=).*", Pattern.CASE_INSENSITIVE);

    public FleetInput {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
    }

    /** Parses {@code lines} read from {@code source} (a file name, or "stdin"). */
    public static FleetInput parse(List<String> lines, String source) {
        String first = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst().orElse("");
        if (KNOWN_HOSTS_LINE.matcher(first).matches()) {
            return knownHosts(lines, source);
        }
        if (lines.stream().anyMatch(l -> CONFIG_LINE.matcher(l).matches())) {
            return sshConfig(lines, source);
        }
        return list(lines, source);
    }

    private static FleetInput list(List<String> lines, String source) {
        Collector collector = new Collector();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String target = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!target.isEmpty()) {
                collector.add(target, source + ":" + (i + 1));
            }
        }
        return new FleetInput(collector.entries, "list", collector.skipped);
    }

    private static FleetInput knownHosts(List<String> lines, String source) {
        Collector collector = new Collector();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String origin = source + ":" + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields[0].startsWith("@")) {
                collector.skipped.add(origin + ": " + fields[0] + " line (names a CA or a revoked key, not a host)");
                continue;
            }
            String name = fields[0].split(",")[0];
            if (name.startsWith("|1|")) {
                collector.skipped.add(origin + ": hashed host name (HashKnownHosts hides it)");
            } else if (name.contains("*") || name.contains("?") || name.startsWith("!")) {
                collector.skipped.add(origin + ": pattern " + name);
            } else if (name.startsWith("[")) {
                collector.add(name, origin); // [host]:port is already a target we parse
            } else {
                collector.add(name, origin);
            }
        }
        return new FleetInput(collector.entries, "known_hosts", collector.skipped);
    }

    /**
     * Takes each concrete name of a {@code Host} line. The block's HostName, Port and User are used
     * when it sets them, so the scan reaches what ssh would reach for a simple config; full ssh_config
     * semantics (Match, Include, first value wins across blocks) belong to the config resolver.
     */
    private static FleetInput sshConfig(List<String> lines, String source) {
        Collector collector = new Collector();
        List<String> names = new ArrayList<>();
        String origin = null;
        String hostName = null;
        String port = null;
        String user = null;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "Host";
            String[] words = line.split("[\\s=]+", 2);
            String keyword = words[0].toLowerCase(Locale.ROOT);
            if (keyword.equals("host") || keyword.equals("match")) {
                for (String name : names) {
                    String host = hostName == null ? name : hostName.replace("%h", name);
                    String target = (user == null ? "" : user + "@") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                            + (port == null ? "" : ":" + port);
                    collector.add(target, origin);
                }
                names.clear();
                hostName = port = user = null;
                origin = source + ":" + (i + 1);
                if (keyword.equals("host") && words.length > 1) {
                    for (String pattern : words[1].split("\\s+")) {
                        if (pattern.contains("*") || pattern.contains("?") || pattern.startsWith("!")) {
                            collector.skipped.add(origin + ": pattern " + pattern);
                        } else {
                            names.add(pattern.replace("\"", ""));
                        }
                    }
                }
            } else if (words.length > 1 && !names.isEmpty()) {
                String value = words[1].strip().replace("\"", "");
                switch (keyword) {
                    case "hostname" -> hostName = hostName == null ? value : hostName;
                    case "port" -> port = port == null ? value : port;
                    case "user" -> user = user == null ? value : user;
                    default -> { }
                }
            }
        }
        return new FleetInput(collector.entries, "ssh_config", collector.skipped);
    }

    /** Collects targets without duplicates, keeping the first origin. */
    private static final class Collector {
        final List<Entry> entries = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        private final Set<String> seen = new LinkedHashSet<>();

        void add(String target, String origin) {
            if (seen.add(target)) {
                entries.add(new Entry(target, origin));
            }
        }
    }
}
