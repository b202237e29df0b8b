package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a private-key file holds, found without any passphrase.
 *
 * @param path the file
 * @param format its format
 * @param encrypted true when protected by a passphrase
 * @param publicKey the public half, when it can be derived without the passphrase
 * @param problem why OpenSSH would fail to load it, if it would
 * @param detail the low-level reason (parser message), for the evidence; may be empty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KeyFileInfo(Path path, Format format, boolean encrypted, Optional<PublicKey> publicKey,
        Optional<Problem> problem, String detail) {

    /** Private-key file formats. */
    public enum Format { OPENSSH, PEM, PKCS8, PUTTY, PUBLIC_KEY, UNKNOWN }

    /** Why OpenSSH cannot load the file ("invalid format" / "error in libcrypto" in ssh's words). */
    public enum Problem { CRLF, TRUNCATED, CORRUPT, PUTTY, PUBLIC_KEY, UNKNOWN_FORMAT }

    public KeyFileInfo {
        requireNonNull(path, "path");
        requireNonNull(format, "format");
        requireNonNull(publicKey, "publicKey");
        requireNonNull(problem, "problem");
        requireNonNull(detail, "detail");
    }
}
