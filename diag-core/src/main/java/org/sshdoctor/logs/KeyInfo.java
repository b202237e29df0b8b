package org.sshdoctor.logs;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The key an authentication used, as sshd logs it after "ssh2: ".
 *
 * @param type key type as logged ({@code RSA}, {@code ED25519}, {@code ECDSA-CERT} ...)
 * @param fingerprint {@code SHA256:...} or, before OpenSSH 6.8, a hex MD5 fingerprint; empty when not logged
 * @param certificate the certificate's ID, serial and CA when a certificate was used
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KeyInfo(String type, String fingerprint, Optional<Certificate> certificate) {
    public KeyInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** "RSA SHA256:..." or "ECDSA-CERT SHA256:... ID foobar (serial 9624) CA ED25519 SHA256:...". */
    public String describe() {
        String text = fingerprint.isEmpty() ? type : type + " " + fingerprint;
        return certificate.map(c -> text + " " + c.describe()).orElse(text);
    }

    /**
     * A user certificate as sshd logs it.
     *
     * @param id the key ID (ssh-keygen -I)
     * @param serial the serial number
     * @param caType the CA key's type
     * @param caFingerprint the CA key's fingerprint
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Certificate(String id, String serial, String caType, String caFingerprint) {
        public Certificate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(caType, "caType");
            Objects.requireNonNull(caFingerprint, "caFingerprint");
        }

        String describe() {
            return "ID " + id + " (serial " + serial + ") CA " + caType + " " + caFingerprint;
        }
    }
}
