package org.sshdoctor.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apiguardian.api.API;
import org.sshdoctor.local.KeyFileInfo.Format;
import org.sshdoctor.local.KeyFileInfo.Problem;

/**
 * Classifies a private-key file and derives its public half without a passphrase: openssh-key-v1 keeps
 * the public key in clear (so encrypted keys can be compared with their .pub); unencrypted PEM and
 * PKCS#8 keys are loaded with MINA/BouncyCastle. Names the real reason behind ssh's "invalid format" and
 * "error in libcrypto": CRLF line endings, a truncated file, a PuTTY key, a public key.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KeyFileInspector {
    private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private KeyFileInspector() {}

    /** True when the file's start looks like a private key of a known format (used to scan ~/.ssh). */
    public static boolean looksLikePrivateKey(Path file) {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1).stripLeading();
            return head.startsWith("-----BEGIN") && head.contains("PRIVATE KEY")
                    || head.startsWith("PuTTY-User-Key-File-");
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IOException when the file cannot be read at all */
    public static KeyFileInfo inspect(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) {
            return new KeyFileInfo(file, Format.UNKNOWN, false, Optional.empty(), Optional.of(Problem.UNKNOWN_FORMAT),
                    "larger than 1 MiB");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (first.startsWith("PuTTY-User-Key-File-")) {
            return new KeyFileInfo(file, Format.PUTTY, !text.contains("Encryption: none"), puttyPublic(text),
                    Optional.of(Problem.PUTTY), first);
        }
        if (first.equals(OPENSSH_BEGIN)) {
            return openssh(file, text);
        }
        if (first.startsWith("-----BEGIN") && first.contains("PRIVATE KEY")) {
            return pemOrPkcs8(file, text, first);
        }
        Optional<PublicKey> asPublic = PublicKeys.parseLine(first);
        if (asPublic.isPresent()) {
            return new KeyFileInfo(file, Format.PUBLIC_KEY, false, asPublic, Optional.of(Problem.PUBLIC_KEY), first.split("\\s+")[0]);
        }
        return new KeyFileInfo(file, Format.UNKNOWN, false, Optional.empty(), Optional.of(Problem.UNKNOWN_FORMAT),
                first.length() > 60 ? first.substring(0, 60) : first);
    }

    private static KeyFileInfo openssh(Path file, String text) {
        boolean crlf = text.contains("\r");
        int begin = text.indexOf(OPENSSH_BEGIN) + OPENSSH_BEGIN.length();
        int end = text.indexOf(OPENSSH_END);
        if (end < 0) {
            return new KeyFileInfo(file, Format.OPENSSH, false, Optional.empty(), Optional.of(Problem.TRUNCATED),
                    "no END line: the file is " + text.length() + " bytes and stops early");
        }
        byte[] body;
        try {
            body = Base64.getMimeDecoder().decode(text.substring(begin, end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return new KeyFileInfo(file, Format.OPENSSH, false, Optional.empty(), Optional.of(Problem.CORRUPT),
                    "base64: " + e.getMessage());
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return new KeyFileInfo(file, Format.OPENSSH, false, Optional.empty(), Optional.of(Problem.CORRUPT), "bad magic");
            }
            String cipher = new String(string(b), StandardCharsets.US_ASCII);
            string(b); // kdf name
            string(b); // kdf options
            int keys = b.getInt();
            Optional<PublicKey> pub = keys >= 1 ? PublicKeys.fromBlob(string(b)) : Optional.empty();
            int privateLength = b.getInt();
            boolean encrypted = !cipher.equals("none");
            if (privateLength < 0 || privateLength > b.remaining()) {
                return new KeyFileInfo(file, Format.OPENSSH, encrypted, pub, Optional.of(Problem.TRUNCATED),
                        "private section needs " + privateLength + " bytes, " + b.remaining() + " left");
            }
            if (crlf) {
                return new KeyFileInfo(file, Format.OPENSSH, encrypted, pub, Optional.of(Problem.CRLF), "CR LF line endings");
            }
            if (!encrypted) {
                Optional<String> failure = loadFailure(file, text);
                if (failure.isPresent()) {
                    return new KeyFileInfo(file, Format.OPENSSH, false, pub, Optional.of(Problem.CORRUPT), failure.get());
                }
            }
            return new KeyFileInfo(file, Format.OPENSSH, encrypted, pub, Optional.empty(), "cipher " + cipher);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return new KeyFileInfo(file, Format.OPENSSH, false, Optional.empty(), Optional.of(Problem.TRUNCATED),
                    "the key structure ends early");
        }
    }

    private static KeyFileInfo pemOrPkcs8(Path file, String text, String first) {
        Format format = first.contains("BEGIN PRIVATE KEY") || first.contains("BEGIN ENCRYPTED PRIVATE KEY")
                ? Format.PKCS8 : Format.PEM;
        if (first.contains("SSH2 ENCRYPTED")) {
            return new KeyFileInfo(file, Format.UNKNOWN, true, Optional.empty(), Optional.of(Problem.UNKNOWN_FORMAT),
                    "SSH.com (RFC 4716) private key");
        }
        boolean encrypted = text.contains("Proc-Type: 4,ENCRYPTED") || first.contains("ENCRYPTED PRIVATE KEY");
        String endMarker = first.replace("BEGIN", "END");
        if (!text.contains(endMarker)) {
            return new KeyFileInfo(file, format, encrypted, Optional.empty(), Optional.of(Problem.TRUNCATED),
                    "no END line: the file is " + text.length() + " bytes and stops early");
        }
        if (encrypted) {
            return new KeyFileInfo(file, format, true, Optional.empty(), Optional.empty(), "encrypted " + format);
        }
        try {
            Collection<KeyPair> pairs = load(file, text);
            Optional<PublicKey> pub = pairs.stream().findFirst().map(KeyPair::getPublic);
            return new KeyFileInfo(file, format, false, pub, pub.isPresent() ? Optional.empty() : Optional.of(Problem.CORRUPT), "");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new KeyFileInfo(file, format, false, Optional.empty(), Optional.of(Problem.CORRUPT), String.valueOf(e.getMessage()));
        }
    }

    private static Optional<String> loadFailure(Path file, String text) {
        try {
            return load(file, text).isEmpty() ? Optional.of("no key found") : Optional.empty();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static Collection<KeyPair> load(Path file, String text) throws IOException, GeneralSecurityException {
        List<String> lines = text.lines().toList();
        return SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, NamedResource.ofName(file.toString()),
                FilePasswordProvider.EMPTY, lines);
    }

    private static Optional<PublicKey> puttyPublic(String text) {
        List<String> lines = text.lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Public-Lines:")) {
                try {
                    int n = Integer.parseInt(lines.get(i).substring("Public-Lines:".length()).trim());
                    String b64 = String.join("", lines.subList(i + 1, Math.min(lines.size(), i + 1 + n)));
                    return PublicKeys.fromBlob(Base64.getDecoder().decode(b64));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] string(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }
}
