package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.security.KeyPair;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Tells whether a passphrase opens an encrypted private key, as ssh's "incorrect passphrase supplied
 * to decrypt private key" leaves users guessing (keyboard layout, Caps Lock, a key re-encrypted with
 * ssh-keygen -p). The key is decrypted in memory only; neither the passphrase nor the key is printed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PassphraseCheck {
    private PassphraseCheck() {}

    public static Finding check(Path file, String passphrase) throws IOException {
        KeyFileInfo info = KeyFileInspector.inspect(file);
        String f = file.toString();
        if (info.problem().isPresent()) {
            return KeyLoadRule.check(info, true).orElseThrow();
        }
        if (!info.encrypted()) {
            return Finding.of(LocalFindings.KEY_OK, Severity.OK)
                    .title(f + " has no passphrase: ssh never asks for one")
                    .evidence("file", f)
                    .build();
        }
        String failure;
        try {
            Collection<KeyPair> pairs = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, NamedResource.ofName(f),
                    FilePasswordProvider.of(passphrase), Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            failure = pairs.isEmpty() ? "no key decoded" : null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            failure = e.getClass().getSimpleName();
        }
        if (failure == null) {
            return Finding.of(LocalFindings.KEY_OK, Severity.OK)
                    .title("The passphrase opens " + f)
                    .evidence("file", f)
                    .evidence("format", info.format())
                    .build();
        }
        return Finding.of(LocalFindings.KEY_WRONG_PASSPHRASE, Severity.ERROR)
                .title("The passphrase given does not open " + f)
                .detail("The key is intact but this passphrase does not decrypt it (" + info.format() + " key; "
                        + passphrase.length() + " characters given, " + (passphrase.chars().anyMatch(c -> c > 127)
                        ? "including non-ASCII characters, which depend on the keyboard layout and terminal encoding"
                        : "all ASCII") + ").")
                .evidence("file", f)
                .evidence("format", info.format())
                .evidence("error", failure)
                .clientMessage("Load key \"" + f + "\": incorrect passphrase supplied to decrypt private key")
                .fix("ssh-keygen -y -f " + Shell.quote(f) + "    # asks the passphrase and tests it directly\n"
                        + "If it is lost, the key cannot be recovered: create a new one (ssh-keygen -t ed25519) and install its .pub.")
                .build();
    }
}
