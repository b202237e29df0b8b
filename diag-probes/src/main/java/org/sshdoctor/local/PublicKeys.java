package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apiguardian.api.API;

/** Reading OpenSSH public keys and certificates ({@code type base64 comment}) and fingerprinting them. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PublicKeys {
    private PublicKeys() {}

    /** Decodes an SSH wire-format key blob (a certificate gives an {@link OpenSshCertificate}). */
    public static Optional<PublicKey> fromBlob(byte[] blob) {
        try {
            return Optional.ofNullable(new ByteArrayBuffer(blob).getRawPublicKey());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line of a .pub file or authorized_keys-like line without options; empty if it is not one. */
    public static Optional<PublicKey> parseLine(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2 || !parts[1].startsWith("AAAA")) {
            return Optional.empty();
        }
        try {
            return fromBlob(Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code sshkey_load_public} on one file: skips blank and {@code #} lines, stops at a private-key
     * marker, takes the first line that parses.
     */
    public static Optional<PublicKey> loadFile(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-----BEGIN") || line.equals("SSH PRIVATE KEY FILE")) {
                return Optional.empty();
            }
            Optional<PublicKey> key = parseLine(line);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /** {@code SHA256:...} of the plain key (a certificate's certified key), as ssh-keygen -l prints it. */
    public static String fingerprint(PublicKey key) {
        PublicKey plain = key instanceof OpenSshCertificate cert ? cert.getCertPubKey() : key;
        return KeyUtils.getFingerPrint(plain);
    }

    /** The SSH type name ({@code ssh-ed25519}, {@code ssh-rsa}, {@code ssh-ed25519-cert-v01@openssh.com}...). */
    public static String type(PublicKey key) {
        if (key instanceof OpenSshCertificate cert) {
            return cert.getKeyType();
        }
        return KeyUtils.getKeyType(key);
    }

    /** Same key material (a certificate equals neither its plain key nor another certificate of it). */
    public static boolean same(PublicKey a, PublicKey b) {
        if (a instanceof OpenSshCertificate || b instanceof OpenSshCertificate) {
            return a instanceof OpenSshCertificate ca && b instanceof OpenSshCertificate cb
                    && java.util.Arrays.equals(ca.getMessage(), cb.getMessage());
        }
        return KeyUtils.compareKeys(a, b);
    }
}
