package org.sshdoctor.ssh;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the user's SSH client proposes, and where that came from: the local {@code ssh -G} (the
 * authority for the user's configuration) or a built-in profile of an OpenSSH release's defaults.
 *
 * @param name the client, e.g. {@code OpenSSH_9.2p1} or {@code openssh-8.8}
 * @param source how it was learned, e.g. {@code ssh -G web1 (OpenSSH_9.2p1 Debian-2+deb12u10)}
 * @param preferred the client's lists in its order of preference, pseudo-algorithms excluded
 * @param supported what the client could also enable with {@code +name}; an empty set means unknown
 * @param knownHostsFiles the known_hosts files the client reads, user files first
 * @param hostKeyAlias the HostKeyAlias the client looks host keys up by, if set
 * @param md5Fingerprints true when the client shows host key fingerprints as MD5 ({@code FingerprintHash md5})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ClientAlgorithms(String name, String source, Map<AlgorithmKind, List<String>> preferred,
        Map<AlgorithmKind, Set<String>> supported, List<Path> knownHostsFiles, Optional<String> hostKeyAlias,
        boolean md5Fingerprints) {

    public ClientAlgorithms {
        Map<AlgorithmKind, List<String>> lists = new EnumMap<>(AlgorithmKind.class);
        Map<AlgorithmKind, Set<String>> sets = new EnumMap<>(AlgorithmKind.class);
        for (AlgorithmKind kind : AlgorithmKind.values()) {
            lists.put(kind, preferred.getOrDefault(kind, List.of()).stream()
                    .filter(n -> !ServerKexInit.isPseudo(n)).toList());
            sets.put(kind, Set.copyOf(supported.getOrDefault(kind, Set.of())));
        }
        preferred = Map.copyOf(lists);
        supported = Map.copyOf(sets);
        knownHostsFiles = List.copyOf(knownHostsFiles);
    }

    /** A client that shows SHA256 fingerprints, ssh's default. */
    public ClientAlgorithms(String name, String source, Map<AlgorithmKind, List<String>> preferred,
            Map<AlgorithmKind, Set<String>> supported, List<Path> knownHostsFiles, Optional<String> hostKeyAlias) {
        this(name, source, preferred, supported, knownHostsFiles, hostKeyAlias, false);
    }

    public List<String> preferred(AlgorithmKind kind) {
        return preferred.get(kind);
    }

    /** True when the client can be told to use {@code algorithm} ({@code -o Option=+algorithm}). */
    public Optional<Boolean> canEnable(AlgorithmKind kind, String algorithm) {
        Set<String> known = supported.get(kind);
        return known.isEmpty() ? Optional.empty() : Optional.of(known.contains(algorithm));
    }

    /** A copy with other known_hosts files (the {@code --known-hosts} override). */
    public ClientAlgorithms withKnownHostsFiles(List<Path> files) {
        return new ClientAlgorithms(name, source, preferred, supported, files, hostKeyAlias, md5Fingerprints);
    }

    /** A copy showing fingerprints as MD5 or not ({@code -o FingerprintHash=md5} without ssh -G). */
    public ClientAlgorithms withMd5Fingerprints(boolean md5) {
        return new ClientAlgorithms(name, source, preferred, supported, knownHostsFiles, hostKeyAlias, md5);
    }

    /** A host key's fingerprint as this client prints it: {@code SHA256:…}, or {@code MD5:…} with FingerprintHash md5. */
    public String fingerprint(ServerHostKey key) {
        return md5Fingerprints ? key.md5() : key.sha256();
    }
}
