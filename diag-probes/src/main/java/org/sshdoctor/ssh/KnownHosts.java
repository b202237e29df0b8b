package org.sshdoctor.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * known_hosts files, read line by line (read only, never written), so that every entry keeps its file
 * and line number for "Offending key in FILE:LINE", and lines ssh cannot use are reported rather than
 * skipped silently. Hashed names ({@code |1|salt|hash}), {@code [host]:port}, wildcards, negation and
 * the {@code @revoked} / {@code @cert-authority} markers are understood through MINA's parser.
 *
 * @param entries usable entries, in file order
 * @param malformed lines that could not be parsed
 * @param read the files that existed and were read
 */
record KnownHosts(List<Entry> entries, List<Malformed> malformed, List<Path> read) {

    /**
     * One usable line.
     *
     * @param marker {@code revoked}, {@code cert-authority} or empty
     * @param keyType the key type written on the line, e.g. {@code ssh-ed25519}
     * @param key the key; empty for a key type sshdoctor cannot decode
     */
    record Entry(Path file, int line, KnownHostEntry parsed, String hosts, Optional<String> marker, String keyType,
            Optional<PublicKey> key) {
        /**
         * As OpenSSH's match_hostname: the name ssh looks up ({@code host}, or {@code [host]:port} when the
         * port is not 22) against the comma-separated patterns ({@code *}, {@code ?}, {@code !negation});
         * hashed names through MINA, which hashes the same string.
         */
        boolean matches(String host, int port) {
            if (parsed.getHashedEntry() != null) {
                return parsed.isHostMatch(host, port);
            }
            String name = (port == 22 ? host : "[" + host + "]:" + port).toLowerCase(java.util.Locale.ROOT);
            boolean matched = false;
            for (String pattern : hosts.toLowerCase(java.util.Locale.ROOT).split(",")) {
                boolean negated = pattern.startsWith("!");
                if (glob(negated ? pattern.substring(1) : pattern, name)) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }

        private static boolean glob(String pattern, String name) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return name.matches(regex.toString());
        }

        boolean sameKey(PublicKey other) {
            return key.filter(k -> KeyUtils.compareKeys(k, other)).isPresent();
        }

        String location() {
            return file + ":" + line;
        }
    }

    /** Key types ssh knows, or may know in a newer version; anything else means a broken line. */
    private static final java.util.regex.Pattern KEY_TYPE = java.util.regex.Pattern.compile("(ssh|ecdsa|sk|rsa|x509v3)-[a-z0-9@.-]+");

    /** A line that is neither a comment, blank, nor a valid entry. */
    record Malformed(Path file, int line, String reason) {}

    KnownHosts {
        entries = List.copyOf(entries);
        malformed = List.copyOf(malformed);
        read = List.copyOf(read);
    }

    /** Reads the files that exist; missing files are normal (no entries yet). */
    static KnownHosts read(List<Path> files) {
        List<Entry> entries = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | SecurityException e) {
                continue; // does not exist or cannot be read: ssh skips it the same way
            }
            read.add(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Optional<Entry> entry = parse(file, i + 1, line);
                if (entry.isPresent() && entry.get().key().isEmpty() && !KEY_TYPE.matcher(entry.get().keyType()).matches()) {
                    malformed.add(new Malformed(file, i + 1, "unknown key type '" + entry.get().keyType()
                            + "': a line is [@marker] hosts keytype base64-key [comment]"));
                } else if (entry.isPresent()) {
                    entries.add(entry.get());
                } else {
                    malformed.add(new Malformed(file, i + 1, reason(line)));
                }
            }
        }
        return new KnownHosts(entries, malformed, read);
    }

    private static Optional<Entry> parse(Path file, int number, String line) {
        try {
            KnownHostEntry parsed = KnownHostEntry.parseKnownHostEntry(line);
            if (parsed == null || parsed.getKeyEntry() == null) {
                return Optional.empty();
            }
            String keyType = parsed.getKeyEntry().getKeyType();
            PublicKey key = parsed.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
            String[] fields = line.split("\\s+");
            String hosts = fields[0].startsWith("@") ? fields[1] : fields[0];
            return Optional.of(new Entry(file, number, parsed, hosts, Optional.ofNullable(parsed.getMarker()), keyType,
                    Optional.ofNullable(key)));
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String reason(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length < 3 || (fields[0].startsWith("@") && fields.length < 4)) {
            return "too few fields: a line is [@marker] hosts keytype base64-key [comment]";
        }
        return "the key does not decode (truncated or corrupted base64?)";
    }

    /** Entries for this host name and port (how ssh looks it up: [host]:port unless the port is 22). */
    List<Entry> forHost(String host, int port) {
        return entries.stream().filter(e -> e.matches(host, port)).toList();
    }
}
