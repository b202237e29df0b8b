package org.sshdoctor.ssh;

import java.security.PublicKey;
import java.util.Objects;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apiguardian.api.API;

/**
 * A host key the server presented.
 *
 * @param algorithm the negotiated host key algorithm, e.g. {@code rsa-sha2-512}
 * @param key the public key
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServerHostKey(String algorithm, PublicKey key) {
    public ServerHostKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
    }

    /** The key's type as in known_hosts: {@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256}. */
    public String keyType() {
        return KeyUtils.getKeyType(key);
    }

    /** As {@code ssh-keygen -lf} prints it: {@code SHA256:} and unpadded base64. */
    public String sha256() {
        return KeyUtils.getFingerPrint(plainKey());
    }

    /** The key itself; for a host certificate, the certified key (what ssh fingerprints). */
    public PublicKey plainKey() {
        return key instanceof OpenSshCertificate certificate ? certificate.getCertPubKey() : key;
    }

    /** The host certificate, if the server presented one. */
    public java.util.Optional<OpenSshCertificate> certificate() {
        return key instanceof OpenSshCertificate certificate ? java.util.Optional.of(certificate) : java.util.Optional.empty();
    }

    /** {@code MD5:aa:bb:…}, as {@code ssh-keygen -E md5 -lf} prints it. */
    public String md5() {
        return KeyUtils.getFingerPrint(BuiltinDigests.md5, plainKey());
    }

    /** The type name ssh uses in its messages: {@code ED25519}, {@code RSA}, {@code ECDSA}, {@code DSA}. */
    public String displayType() {
        String type = keyType();
        if (type.contains("ed25519")) {
            return "ED25519";
        }
        if (type.contains("ecdsa")) {
            return "ECDSA";
        }
        if (type.contains("dss")) {
            return "DSA";
        }
        return type.contains("rsa") ? "RSA" : type;
    }
}
