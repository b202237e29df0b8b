package org.sshdoctor.ssh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * {@code client-profiles.yaml} next to this class. Used when no OpenSSH client is installed, or when
 * {@code --client-profile NAME} asks for one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientProfiles {
    private static final String RESOURCE = "client-profiles.yaml";

    /** One profile as stored in the YAML file. */
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

    private static ClientProfiles load() {
        try (InputStream in = ClientProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            List<Entry> entries = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Entry>>() {});
            Map<String, Entry> byName = new LinkedHashMap<>();
            entries.forEach(e -> byName.put(e.name(), e));
            return new ClientProfiles(java.util.Collections.unmodifiableMap(byName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
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
