package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.FileStat;

/**
 * RevokedKeys ({@code auth.c auth_key_is_revoked}): a missing or unreadable file makes sshd refuse
 * every key (it fails closed); a plain-text list that contains one of the user's keys refuses that
 * key; a binary KRL is read by OpenSSH's own {@code ssh-keygen -Q} (see {@link KrlQuery}).
 */
final class RevokedKeysCheck {
    private static final byte[] KRL_MAGIC = "SSHKRL\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private RevokedKeysCheck() {}

    static List<Finding> check(String configured, String source, List<AuthorizedKey> keys) {
        List<Finding> findings = new ArrayList<>();
        if (configured.equalsIgnoreCase("none")) {
            return findings;
        }
        Path file = Path.of(configured);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            String example = keys.isEmpty() ? "<TYPE> SHA256:<fp>" : keys.get(0).logType() + " " + keys.get(0).fingerprint();
            findings.add(Finding.of(ServerAuthFindings.REVOKEDKEYS_MISSING, Severity.ERROR)
                    .title("RevokedKeys file " + file + " cannot be read: every key is refused")
                    .detail("RevokedKeys is set at " + source + ". sshd fails closed: when the file is missing or "
                            + "unreadable, it refuses every public key and certificate.")
                    .evidence("file", file).evidence("setAt", source)
                    .evidence("sshdLog", "Error checking authentication key " + example + " in revoked keys file "
                            + file + ": " + FileStat.strerror(e))
                    .clientMessage("Permission denied (publickey).")
                    .fix("touch " + Shell.quote(file) + " (an empty list revokes nothing), or remove "
                            + "the RevokedKeys line").build());
            return findings;
        }
        List<AuthorizedKey> revoked;
        if (startsWith(content, KRL_MAGIC)) {
            java.util.Optional<List<AuthorizedKey>> answer = KrlQuery.revoked(file, keys);
            if (answer.isEmpty()) {
                findings.add(Finding.of(ServerAuthFindings.REVOKEDKEYS_NOT_CHECKED, Severity.INFO)
                        .title("RevokedKeys file " + file + " is a binary KRL that could not be checked")
                        .detail("RevokedKeys is set at " + source + ". Binary key revocation lists are read with"
                                + " OpenSSH's own 'ssh-keygen -Q', which is not installed here or could not read it.")
                        .evidence("file", file).evidence("setAt", source)
                        .fix("ssh-keygen -Q -f " + Shell.quote(file) + " ~USER/.ssh/authorized_keys")
                        .inferred().build());
                return findings;
            }
            revoked = answer.get();
        } else {
            String text = new String(content, StandardCharsets.UTF_8);
            revoked = new AuthorizedKeysLint(file.toString(), List.of("*"), true).lint(text).keys();
        }
        for (AuthorizedKey key : keys) {
            if (revoked.stream().anyMatch(key::sameKey)) {
                findings.add(Finding.of(ServerAuthFindings.REVOKEDKEYS_LISTED, Severity.ERROR)
                        .title("The key on line " + key.line() + " is revoked by " + file)
                        .detail("RevokedKeys (" + source + ") lists this " + key.type() + " key, so sshd refuses it.")
                        .evidence("fingerprint", key.fingerprint()).evidence("file", file)
                        .evidence("sshdLog", "Authentication key " + key.logType() + " " + key.fingerprint()
                                + " revoked by file " + file)
                        .clientMessage("Permission denied (publickey).")
                        .fix("Give the user a new key, or remove the key from " + file + " if it was revoked by mistake")
                        .build());
            }
        }
        return findings;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
