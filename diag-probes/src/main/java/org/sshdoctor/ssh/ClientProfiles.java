package org.sshdoctor.ssh;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Built-in client profiles: the default algorithm lists of OpenSSH releases, kept as data in
 * {@code client-profiles.tsv} next to this class. Used when no OpenSSH client is installed, or when
 * {@code --client-profile NAME} asks for one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientProfiles {
    private static final String RESOURCE = "client-profiles.tsv";

    /** One profile as stored in the data file. */
    record Entry(String name, String description, List<String> kex, List<String> hostKey, List<String> ciphers,
            List<String> macs, List<String> compression, List<String> alsoSupported) {}

    private final Map<String, Entry> profiles;

    private ClientProfiles(Map<String, Entry> profiles) {
        this.profiles = profiles;
    }

    /** The profiles shipped with sshdoctor (immutable data, read once). */
    public static ClientProfiles builtIn() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final ClientProfiles INSTANCE = load();
    }

    /** The fields every profile has, in the order the file gives them. */
    private static final List<String> FIELDS =
            List.of("description", "kex", "hostKey", "ciphers", "macs", "compression", "alsoSupported");

    private static ClientProfiles load() {
        Map<String, Map<String, String>> fieldsByProfile = new LinkedHashMap<>();
        for (List<String> record : TabSeparatedResource.records(RESOURCE, 3)) {
            fieldsByProfile.computeIfAbsent(record.get(0), name -> new LinkedHashMap<>()).put(record.get(1), record.get(2));
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        fieldsByProfile.forEach((name, fields) -> byName.put(name, entry(name, fields)));
        return new ClientProfiles(java.util.Collections.unmodifiableMap(byName));
    }

    private static Entry entry(String name, Map<String, String> fields) {
        if (!List.copyOf(fields.keySet()).equals(FIELDS)) {
            throw new IllegalStateException(RESOURCE + ": profile " + name + " has fields " + fields.keySet()
                    + ", expected " + FIELDS);
        }
        return new Entry(name, fields.get("description"), list(fields.get("kex")), list(fields.get("hostKey")),
                list(fields.get("ciphers")), list(fields.get("macs")), list(fields.get("compression")),
                list(fields.get("alsoSupported")));
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
    }

    /** Profile names, oldest first: {@code openssh-7.4} … */
    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    /** The newest release's profile: the fallback when no local client is installed. */
    public String newest() {
        return names().get(names().size() - 1);
    }

    /** The profile's algorithms, with the given known_hosts files (profiles know no files). */
    public Optional<ClientAlgorithms> profile(String name, List<Path> knownHostsFiles) {
        Entry entry = profiles.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        Map<AlgorithmKind, List<String>> preferred = new EnumMap<>(AlgorithmKind.class);
        preferred.put(AlgorithmKind.KEX, entry.kex());
        preferred.put(AlgorithmKind.HOST_KEY, entry.hostKey());
        preferred.put(AlgorithmKind.CIPHER, entry.ciphers());
        preferred.put(AlgorithmKind.MAC, entry.macs());
        preferred.put(AlgorithmKind.COMPRESSION, entry.compression());
        Map<AlgorithmKind, Set<String>> supported = new EnumMap<>(AlgorithmKind.class);
        for (AlgorithmKind kind : AlgorithmKind.values()) {
            Set<String> names = new LinkedHashSet<>(preferred.get(kind));
            for (String extra : entry.alsoSupported()) {
                if (AlgorithmCatalog.builtIn().kindOf(extra).orElse(null) == kind) {
                    names.add(extra);
                }
            }
            supported.put(kind, names);
        }
        return Optional.of(new ClientAlgorithms(name, "built-in profile " + name + " (" + entry.description() + ")",
                preferred, supported, knownHostsFiles, Optional.empty()));
    }
}
