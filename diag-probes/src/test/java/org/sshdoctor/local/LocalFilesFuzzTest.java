package org.sshdoctor.local;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.sshdoctor.fleet.FleetInput;
import org.sshdoctor.model.Finding;

/**
 * Fuzzes the readers of a user's own files, which an attacker may have shaped (a shared account, a
 * copied key, a pasted authorized_keys line): the authorized_keys lint, private/public key files and
 * known_hosts lines, certificates. Lives in org.sshdoctor.local because the lint is package-private. Without
 * JAZZER_FUZZ each target replays its seeds in src/test/resources/org/sshdoctor/local/LocalFilesFuzzTestInputs;
 * with {@code JAZZER_FUZZ=1} it fuzzes for maxDuration (DEVELOPERS.md, "Fuzzing"). Any exception is a bug.
 */
class LocalFilesFuzzTest {
    private static final Path FILE = scratchFile();

    @FuzzTest(maxDuration = "20s")
    void authorizedKeysLintNeverThrowsNorPrintsKeys(FuzzedDataProvider data) {
        boolean useDns = data.consumeBoolean();
        String content = data.consumeRemainingAsString();
        AuthorizedKeysLint lint = new AuthorizedKeysLint("authorized_keys", AcceptedAlgorithms.DEFAULTS, useDns).lint(content);
        for (AuthorizedKey key : lint.keys()) {
            PublicKeys.fromBlob(key.blob()).ifPresent(PublicKeys::fingerprint);
            String base64 = Base64.getEncoder().encodeToString(key.blob());
            for (Finding f : lint.findings()) {
                // findings name keys by line and fingerprint; text the user wrote elsewhere may be quoted
                if (base64.length() >= 16 && f.toString().contains(base64)) {
                    throw new AssertionError("a finding quotes a key: " + f);
                }
            }
        }
    }

    /** What `local` does with every file in ~/.ssh that looks like a key, and with -i FILE. */
    @FuzzTest(maxDuration = "20s")
    void keyFileInspectionNeverThrows(FuzzedDataProvider data) throws IOException {
        Files.write(FILE, data.consumeRemainingAsBytes());
        KeyFileInspector.looksLikePrivateKey(FILE);
        KeyFileInfo info = KeyFileInspector.inspect(FILE);
        info.publicKey().ifPresent(PublicKeys::fingerprint);
        PublicKeys.loadFile(FILE).ifPresent(PublicKeys::type);
    }

    /** known_hosts as `scan -f` reads it, and each line's key as the key parser reads it. */
    @FuzzTest(maxDuration = "20s")
    void knownHostsLinesNeverThrow(FuzzedDataProvider data) {
        var lines = data.consumeRemainingAsString().lines().toList();
        FleetInput.parse(lines, "known_hosts");
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+", 2);
            PublicKeys.parseLine(line);
            if (fields.length == 2) {
                PublicKeys.parseLine(fields[1]); // without the host pattern, as a .pub line
            }
        }
    }

    /**
     * A certificate file as `local` checks it (validity, principals, source-address, type): the input is
     * the binary certificate blob, written as the one line of an id_*-cert.pub file, so mutations reach
     * the certificate decoder and CertificateRule rather than the base64 layer.
     */
    @FuzzTest(maxDuration = "20s")
    void certificatesNeverThrow(FuzzedDataProvider data) throws IOException {
        byte[] blob = data.consumeRemainingAsBytes();
        Files.writeString(FILE, blobType(blob) + " " + Base64.getEncoder().encodeToString(blob) + " fuzz\n");
        if (PublicKeys.loadFile(FILE).orElse(null) instanceof OpenSshCertificate cert) {
            CertificateRule.check(FILE, cert, Optional.empty(), "alice", true, Instant.now(),
                    List.of(InetAddress.getLoopbackAddress()));
        }
    }

    /** The key type the blob names in its first string, as ssh-keygen writes it before the base64. */
    private static String blobType(byte[] blob) {
        if (blob.length >= 4) {
            int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
            if (length > 0 && length <= 64 && blob.length >= 4 + length) {
                String type = new String(blob, 4, length, java.nio.charset.StandardCharsets.US_ASCII);
                if (type.matches("[a-z0-9@.-]+")) {
                    return type;
                }
            }
        }
        return "ssh-ed25519-cert-v01@openssh.com";
    }

    private static Path scratchFile() {
        try {
            Path file = Files.createTempFile("sshdoctor-fuzz-key", "");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
