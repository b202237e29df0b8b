package org.sshdoctor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The .pub beside a private key must be its public half. ssh reads {@code KEY.pub} before the key
 * itself, so a stale .pub wins: the client offers the wrong key, and if the server accepts that one,
 * signing fails with "identity_sign: private key ... contents do not match public". Also notes keys
 * whose public half ssh cannot know (encrypted PEM/PKCS#8 without .pub).
 */
final class KeyPairRule {
    private KeyPairRule() {}

    static Optional<Finding> check(KeyFileInfo info) {
        Path pubFile = Path.of(info.path() + ".pub");
        Optional<PublicKey> pub = Files.exists(pubFile) ? PublicKeys.loadFile(pubFile) : Optional.empty();
        String f = info.path().toString();
        if (pub.isEmpty()) {
            if (info.publicKey().isEmpty() && info.encrypted() && info.problem().isEmpty()) {
                return Optional.of(Finding.of(LocalFindings.KEY_NO_PUBLIC_HALF, Severity.INFO)
                        .title("ssh cannot know the public half of " + f + " before asking its passphrase")
                        .detail("The key is an encrypted " + info.format() + " key and has no .pub beside it. ssh then "
                                + "loads it as \"Trying private key\": it asks for the passphrase even when the server "
                                + "would refuse the key, and BatchMode skips it silently.")
                        .evidence("file", f)
                        .fix("ssh-keygen -y -f " + Shell.quote(f) + " > " + Shell.quote(f + ".pub"))
                        .build());
            }
            return Optional.empty();
        }
        if (info.publicKey().isEmpty() || PublicKeys.same(info.publicKey().get(), pub.get())) {
            return Optional.empty();
        }
        String real = PublicKeys.fingerprint(info.publicKey().get());
        String stale = PublicKeys.fingerprint(pub.get());
        return Optional.of(Finding.of(LocalFindings.KEY_PUB_MISMATCH, Severity.ERROR)
                .title(pubFile + " does not belong to the private key " + f)
                .detail("ssh reads the .pub first and offers that key (" + PublicKeys.type(pub.get()) + " " + stale
                        + "), not the private key's own (" + PublicKeys.type(info.publicKey().get()) + " " + real + "). "
                        + "If the server refuses it, the real key is never tried; if the server accepts it, signing fails.")
                .evidence("private key", f)
                .evidence("private key fingerprint", real)
                .evidence(".pub fingerprint", stale)
                .clientMessage("identity_sign: private key " + f + " contents do not match public")
                .fix("mv " + Shell.quote(pubFile) + " " + Shell.quote(pubFile + ".stale") + "\nssh-keygen -y -f "
                        + Shell.quote(f) + " > " + Shell.quote(pubFile))
                .build());
    }
}
