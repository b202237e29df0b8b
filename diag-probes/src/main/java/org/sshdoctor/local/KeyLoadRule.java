package org.sshdoctor.local;

import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Names the real reason a key file will not load. ssh only says {@code Load key "F": invalid format}
 * or, with OpenSSL 3, {@code error in libcrypto}; the cause is usually CRLF line endings (a key
 * copied through Windows), a truncated copy, a PuTTY .ppk, or a public key given as the private one.
 */
final class KeyLoadRule {
    private KeyLoadRule() {}

    static Optional<Finding> check(KeyFileInfo info, boolean referenced) {
        if (info.problem().isEmpty()) {
            return Optional.empty();
        }
        String f = info.path().toString();
        String q = Shell.quote(f);
        String libcrypto = "Load key \"" + f + "\": error in libcrypto   (OpenSSH 9 with OpenSSL 3; older: invalid format)";
        Finding.Builder b = switch (info.problem().get()) {
            case CRLF -> Finding.of(LocalFindings.KEY_CRLF, Severity.ERROR)
                    .title("Private key " + f + " has Windows (CR LF) line endings, so ssh cannot read it")
                    .detail("The OpenSSH key format does not tolerate carriage returns; the key itself is intact.")
                    .clientMessage(libcrypto)
                    .fix("sed -i 's/\\r$//' " + q + "    # or: dos2unix " + q);
            case TRUNCATED -> Finding.of(LocalFindings.KEY_TRUNCATED, Severity.ERROR)
                    .title("Private key " + f + " is truncated")
                    .detail("The file stops before the end of the key (" + info.detail() + "): a copy or paste lost lines.")
                    .clientMessage(libcrypto)
                    .fix("Copy the complete key again, from the -----BEGIN line to the -----END line, and compare its size "
                            + "with the original (wc -c).");
            case CORRUPT -> Finding.of(LocalFindings.KEY_CORRUPT, Severity.ERROR)
                    .title("Private key " + f + " is damaged and cannot be loaded")
                    .detail("The key's structure is invalid: " + info.detail())
                    .clientMessage(libcrypto)
                    .fix("Restore the key from a backup, or create a new one (ssh-keygen -t ed25519) and install its .pub on the servers.");
            case PUTTY -> Finding.of(LocalFindings.KEY_PUTTY, referenced ? Severity.ERROR : Severity.WARNING)
                    .title("Key " + f + " is a PuTTY .ppk key, which OpenSSH cannot read")
                    .detail("PuTTY's key format is not understood by OpenSSH's ssh or ssh-add." + (referenced
                            ? " It is configured as an identity, so this key is never used." : ""))
                    .clientMessage(libcrypto)
                    .fix("puttygen " + q + " -O private-openssh -o " + Shell.quote(stripPpk(f))
                            + "    # puttygen is in the putty-tools package");
            case PUBLIC_KEY -> Finding.of(LocalFindings.KEY_PUBLIC_AS_PRIVATE, Severity.ERROR)
                    .title(f + " is a public key, used where ssh needs the private key")
                    .detail("IdentityFile (or -i) must name the private key; ssh finds the .pub beside it. "
                            + "A .pub file (mode 0644) also triggers the UNPROTECTED PRIVATE KEY FILE warning.")
                    .clientMessage(libcrypto)
                    .fix(f.endsWith(".pub") ? "Use " + f.substring(0, f.length() - 4) + " in IdentityFile / -i instead of " + f
                            : "Point IdentityFile / -i at the matching private key.");
            case UNKNOWN_FORMAT -> Finding.of(LocalFindings.KEY_UNKNOWN_FORMAT, Severity.ERROR)
                    .title(f + " is not a private key format OpenSSH understands")
                    .detail("First line: " + info.detail())
                    .clientMessage("Load key \"" + f + "\": invalid format")
                    .fix(info.detail().contains("SSH.com") ? "ssh-keygen -i -f " + q + " > " + Shell.quote(f + ".openssh")
                            : "Check what the file is (file " + q + "); convert or replace it.");
        };
        return Optional.of(b.evidence("file", f).evidence("format", info.format()).evidence("reason", info.detail()).build());
    }

    private static String stripPpk(String f) {
        return f.endsWith(".ppk") ? f.substring(0, f.length() - 4) : f + "_openssh";
    }
}
