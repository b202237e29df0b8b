package org.sshdoctor.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One key of an authorized_keys line: its declared type, the decoded blob, and how OpenSSH names and
 * fingerprints it in logs. Only public key material is handled here.
 *
 * @param type the key type as written ({@code ssh-ed25519})
 * @param blob the decoded key blob
 * @param line the 1-based line number in its file
 */
record AuthorizedKey(String type, byte[] blob, int line) {
    static final List<String> TYPES = List.of("ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    /** How many length-prefixed fields follow the type string in each plain key type's blob. */
    private static final Map<String, Integer> FIELDS = Map.of("ssh-ed25519", 1, "ssh-rsa", 2, "ssh-dss", 4,
            "ecdsa-sha2-nistp256", 2, "ecdsa-sha2-nistp384", 2, "ecdsa-sha2-nistp521", 2,
            "sk-ssh-ed25519@openssh.com", 2, "sk-ecdsa-sha2-nistp256@openssh.com", 3);

    static boolean isType(String word) {
        return TYPES.contains(word) || (word.endsWith("-cert-v01@openssh.com"));
    }

    /** The key, or a reason it is unusable: not base64, truncated, or a blob of another type. */
    static Decoded decode(String type, String base64, int line) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Decoded(Optional.empty(), "the key data is not valid base64");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        Optional<String> inner = string(in).map(b -> new String(b, StandardCharsets.ISO_8859_1));
        if (inner.isEmpty()) {
            return new Decoded(Optional.empty(), "the key data is truncated");
        }
        if (!inner.get().equals(type)) {
            return new Decoded(Optional.empty(), "the line says " + type + " but the key data is " + inner.get());
        }
        int fields = FIELDS.getOrDefault(type, 0);
        for (int i = 0; i < fields; i++) {
            if (string(in).isEmpty()) {
                return new Decoded(Optional.empty(), "the key data is truncated");
            }
        }
        if (fields > 0 && in.hasRemaining()) {
            return new Decoded(Optional.empty(), "the key data has " + in.remaining() + " extra bytes");
        }
        return new Decoded(Optional.of(new AuthorizedKey(type, blob, line)), "");
    }

    /** A decoded key, or why decoding failed. */
    record Decoded(Optional<AuthorizedKey> key, String error) {}

    private static Optional<byte[]> string(ByteBuffer in) {
        if (in.remaining() < 4) {
            return Optional.empty();
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            return Optional.empty();
        }
        byte[] value = new byte[length];
        in.get(value);
        return Optional.of(value);
    }

    /** {@code SHA256:…} as ssh-keygen -l and sshd's logs print it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key type name sshd logs ({@code sshkey_type}): ED25519, RSA, ECDSA, DSA, ED25519-SK, ECDSA-SK. */
    String logType() {
        String base = type.replace("-cert-v01@openssh.com", "");
        String name = switch (base) {
            case "ssh-ed25519" -> "ED25519";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            case "sk-ssh-ed25519@openssh.com" -> "ED25519-SK";
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> "ECDSA-SK";
            default -> base.startsWith("ecdsa-") ? "ECDSA" : base;
        };
        return type.endsWith("-cert-v01@openssh.com") ? name + "-CERT" : name;
    }

    /** The signature algorithms a key of this type can use: RSA keys sign with rsa-sha2-512/256 too. */
    List<String> algorithms() {
        return type.equals("ssh-rsa") ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") : List.of(type);
    }

    boolean sameKey(AuthorizedKey other) {
        return type.equals(other.type) && java.util.Arrays.equals(blob, other.blob);
    }
}
