package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigOrigin;

/**
 * One identity the client would try, or skip, for a connection.
 *
 * @param position 1-based place in the order ssh offers them; 0 when skipped
 * @param source where it comes from
 * @param label the file path, or the agent's comment
 * @param key the public key offered; empty for "Trying private key" (ssh loads the file to learn it)
 * @param file the key file, when there is one
 * @param origin the config line, command line or default that named it
 * @param skipped why ssh skips it without sending anything, if it does
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OfferedIdentity(int position, Source source, String label, Optional<PublicKey> key, Optional<Path> file,
        ConfigOrigin origin, Optional<String> skipped) {

    /** Where an identity comes from, in the groups ssh orders them by. */
    public enum Source {
        /** A CertificateFile entry (tried first). */
        CERTIFICATE_FILE,
        /** An agent key that is also a configured file (signed by the agent). */
        AGENT_AND_FILE,
        /** An agent key not configured anywhere (dropped by IdentitiesOnly yes). */
        AGENT,
        /** An IdentityFile, -i or default id_* file. */
        FILE,
        /** A {@code KEY-cert.pub} found beside an identity file. */
        FILE_CERTIFICATE
    }

    public OfferedIdentity {
        requireNonNull(source, "source");
        requireNonNull(label, "label");
        requireNonNull(key, "key");
        requireNonNull(file, "file");
        requireNonNull(origin, "origin");
        requireNonNull(skipped, "skipped");
    }

    OfferedIdentity at(int newPosition) {
        return new OfferedIdentity(newPosition, source, label, key, file, origin, skipped);
    }

    OfferedIdentity skippedBecause(String reason) {
        return new OfferedIdentity(0, source, label, key, file, origin, Optional.of(reason));
    }

    OfferedIdentity as(Source newSource) {
        return new OfferedIdentity(position, newSource, label, key, file, origin, skipped);
    }

    /** One line: {@code ~/.ssh/id_ed25519 (ssh-ed25519 SHA256:...)}. */
    public String describe() {
        String what = key.map(k -> PublicKeys.type(k) + " " + PublicKeys.fingerprint(k)).orElse("public half unknown: ssh loads the private key");
        String via = switch (source) {
            case CERTIFICATE_FILE -> "certificate ";
            case AGENT_AND_FILE -> "agent+file ";
            case AGENT -> "agent ";
            case FILE -> "file ";
            case FILE_CERTIFICATE -> "certificate ";
        };
        return via + label + " (" + what + ")";
    }
}
