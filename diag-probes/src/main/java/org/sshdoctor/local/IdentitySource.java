package org.sshdoctor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.apiguardian.api.API;

/** How the identity order learns about files: the disk in real use, a map in tests. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface IdentitySource {
    /**
     * {@code sshkey_load_public(path)}: the file itself as a public key, else {@code path.pub}, else the
     * public key inside an openssh-key-v1 private key.
     */
    Optional<PublicKey> loadPublic(Path path);

    boolean exists(Path path);

    /** The real files. */
    IdentitySource DISK = new IdentitySource() {
        @Override
        public Optional<PublicKey> loadPublic(Path path) {
            Optional<PublicKey> key = PublicKeys.loadFile(path);
            if (key.isEmpty()) {
                key = PublicKeys.loadFile(Path.of(path + ".pub"));
            }
            if (key.isEmpty() && Files.isRegularFile(path)) {
                try {
                    KeyFileInfo info = KeyFileInspector.inspect(path);
                    if (info.format() == KeyFileInfo.Format.OPENSSH) {
                        key = info.publicKey();
                    }
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
            return key;
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }
    };
}
