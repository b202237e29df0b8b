package org.sshdoctor.ssh;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the known_hosts reader the host-key probe uses (--known-hosts FILE, ~/.ssh/known_hosts):
 * plain, hashed, bracketed [host]:port, negated and wildcard patterns, @cert-authority and @revoked
 * markers. Lives in org.sshdoctor.ssh because KnownHosts is package-private. Without JAZZER_FUZZ it
 * replays its seeds in src/test/resources/org/sshdoctor/ssh/KnownHostsFuzzTestInputs; with
 * {@code JAZZER_FUZZ=1} it fuzzes for maxDuration (DEVELOPERS.md, "Fuzzing"). Any exception is a bug.
 */
class KnownHostsFuzzTest {
    private static final Path FILE = scratchFile();
    private static final List<String> HOSTS = List.of("web.example.org", "192.0.2.7", "git.example.org", "2001:db8::7");

    @FuzzTest(maxDuration = "20s")
    void knownHostsFilesNeverThrow(FuzzedDataProvider data) throws IOException {
        String host = data.pickValue(HOSTS);
        int port = data.pickValue(List.of(22, 2222));
        Files.write(FILE, data.consumeRemainingAsBytes());
        KnownHosts known = KnownHosts.read(List.of(FILE));
        for (KnownHosts.Entry entry : known.entries()) {
            entry.matches(host, port);
            entry.location();
            entry.key().ifPresent(entry::sameKey);
        }
    }

    private static Path scratchFile() {
        try {
            Path file = Files.createTempFile("sshdoctor-fuzz-known_hosts", "");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
