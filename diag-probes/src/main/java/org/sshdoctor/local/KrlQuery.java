package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Asks OpenSSH's own KRL reader which keys a binary key revocation list revokes: {@code ssh-keygen -Q
 * -f KRL key.pub…}. Decoding KRLs ourselves would duplicate a format OpenSSH owns; its verdict is the
 * one sshd applies. The public keys go to a private temporary directory, removed afterwards.
 */
final class KrlQuery {
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private KrlQuery() {}

    /** The keys the KRL revokes, or empty when ssh-keygen is not installed or could not answer. */
    static Optional<List<AuthorizedKey>> revoked(Path krl, List<AuthorizedKey> keys) {
        if (keys.isEmpty()) {
            return Optional.of(List.of());
        }
        if (!Files.isExecutable(SSH_KEYGEN)) {
            return Optional.empty();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sshdoctor-krl-");
            List<String> command = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-Q", "-f", krl.toString()));
            for (int i = 0; i < keys.size(); i++) {
                AuthorizedKey key = keys.get(i);
                Path file = dir.resolve("key" + i + ".pub");
                Files.writeString(file, key.type() + " " + Base64.getEncoder().encodeToString(key.blob()) + "\n");
                command.add(file.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            List<AuthorizedKey> revoked = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String name = dir.resolve("key" + i + ".pub").toString();
                boolean answered = false;
                for (String line : output.split("\n")) {
                    if (line.startsWith(name + ":") || line.startsWith(name + " ")) {
                        answered = true;
                        if (line.endsWith("REVOKED")) {
                            revoked.add(keys.get(i));
                        }
                    }
                }
                if (!answered) {
                    return Optional.empty(); // not a KRL ssh-keygen can read: no verdict rather than a wrong one
                }
            }
            return Optional.of(revoked);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory we could not remove is left to the system's cleaner
        }
    }
}
