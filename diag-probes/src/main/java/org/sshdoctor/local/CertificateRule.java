package org.sshdoctor.local;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Checks a user certificate as the server will: a user (not host) certificate, inside its validity
 * window, listing the login user as a principal, usable from one of our addresses (source-address),
 * and certifying the key it sits beside. Reports the CA's fingerprint so the user can compare it with
 * the server's TrustedUserCAKeys.
 */
final class CertificateRule {
    private CertificateRule() {}

    /**
     * @param file the certificate file
     * @param cert the parsed certificate
     * @param key the public key of the private key it is used with, if known
     * @param loginUser the remote user name
     * @param userIsKnown true when the login user comes from a target (else it is the local name)
     * @param now the time to check the validity window against
     * @param localAddresses this machine's addresses, for source-address
     */
    static List<Finding> check(Path file, OpenSshCertificate cert, Optional<PublicKey> key, String loginUser,
            boolean userIsKnown, Instant now, Collection<InetAddress> localAddresses) {
        List<Finding> out = new ArrayList<>();
        String f = file.toString();
        String ca = PublicKeys.fingerprint(cert.getCaPubKey());
        String window = Validity.describe(cert);
        if (cert.getType() != OpenSshCertificate.Type.USER) {
            out.add(base(LocalFindings.CERT_NOT_USER, Severity.ERROR, file, cert, ca)
                    .title(f + " is a host certificate, not a user certificate")
                    .detail("ssh ignores host certificates as identities.")
                    .clientMessage("ignoring certificate " + f + ": not a user certificate   (debug1)")
                    .fix("Sign the user's public key with ssh-keygen -s CA_KEY -I ID -n USER KEY.pub (no -h).")
                    .build());
            return out;
        }
        long seconds = now.getEpochSecond();
        if (Long.compareUnsigned(seconds, cert.getValidAfter()) < 0) {
            out.add(base(LocalFindings.CERT_NOT_YET_VALID, Severity.ERROR, file, cert, ca)
                    .title("Certificate " + f + " is not valid yet (" + window + ")")
                    .detail("The server refuses it until its start time. If it was just issued, a clock is wrong: "
                            + "compare date -u here, on the CA and on the server.")
                    .clientMessage("server log: error: Certificate invalid: not yet valid")
                    .fix("Wait for the start time, or reissue with a start in the past: ssh-keygen -s CA_KEY -I ID -n "
                            + loginUser + " -V -5m:+52w KEY.pub")
                    .build());
        } else if (Long.compareUnsigned(seconds, cert.getValidBefore()) >= 0) {
            out.add(base(LocalFindings.CERT_EXPIRED, Severity.ERROR, file, cert, ca)
                    .title("Certificate " + f + " has expired (" + window + ")")
                    .detail("The server refuses an expired certificate; the key alone still works only where it is in authorized_keys.")
                    .clientMessage("server log: error: Certificate invalid: expired")
                    .fix("Have the CA issue a new certificate: ssh-keygen -s CA_KEY -I ID -n " + loginUser + " -V +52w KEY.pub")
                    .build());
        }
        Collection<String> principals = cert.getPrincipals();
        if (principals == null || principals.isEmpty()) {
            out.add(base(LocalFindings.CERT_WRONG_PRINCIPAL, Severity.WARNING, file, cert, ca)
                    .title("Certificate " + f + " lists no principals")
                    .detail("sshd refuses a user certificate without principals unless AuthorizedPrincipalsFile/Command is used.")
                    .clientMessage("server log: error: Certificate lacks principal list")
                    .fix("Reissue with -n " + loginUser)
                    .build());
        } else if (!principals.contains(loginUser)) {
            out.add(base(LocalFindings.CERT_WRONG_PRINCIPAL, userIsKnown ? Severity.ERROR : Severity.WARNING, file, cert, ca)
                    .title("Certificate " + f + " is not valid for user " + loginUser)
                    .detail("It lists the principals " + String.join(", ", principals) + "; the server accepts it only when "
                            + "logging in as one of them (unless its AuthorizedPrincipalsFile maps them)."
                            + (userIsKnown ? "" : " No target was given, so the local user name was assumed."))
                    .clientMessage("server log: error: Certificate invalid: name is not a listed principal")
                    .fix("Log in as one of " + String.join(", ", principals) + " (ssh -l NAME), or reissue with -n " + loginUser)
                    .build());
        }
        String sources = cert.getCriticalOptionsMap().get("source-address");
        if (sources != null && !SourceAddress.anyMatches(sources, localAddresses)) {
            out.add(base(LocalFindings.CERT_SOURCE_ADDRESS, Severity.WARNING, file, cert, ca)
                    .title("Certificate " + f + " only works from " + sources)
                    .detail("None of this machine's addresses is in its source-address list. It still works if the server "
                            + "sees a NAT or VPN address that is in the list.")
                    .evidence("local addresses", localAddresses.stream().map(InetAddress::getHostAddress).toList())
                    .clientMessage("server log: Authentication tried for USER with correct key but not from a permitted host")
                    .fix("Connect from an allowed network, or reissue with -O source-address=ADDRESSES")
                    .build());
        }
        if (key.isPresent() && !PublicKeys.same(key.get(), cert.getCertPubKey())) {
            out.add(base(LocalFindings.CERT_KEY_MISMATCH, Severity.ERROR, file, cert, ca)
                    .title("Certificate " + f + " certifies another key than the one beside it")
                    .detail("It certifies " + PublicKeys.fingerprint(cert.getCertPubKey()) + " but the key is "
                            + PublicKeys.fingerprint(key.get()) + "; ssh cannot sign with it.")
                    .fix("Have the CA sign the right public key, or pair the certificate with its own key.")
                    .build());
        }
        if (out.isEmpty()) {
            out.add(base(LocalFindings.CERT_OK, Severity.OK, file, cert, ca)
                    .title("Certificate " + f + " is valid for " + loginUser + " (" + window + ")")
                    .detail("Signed by the CA " + ca + "; the server must trust it (TrustedUserCAKeys).")
                    .build());
        }
        return out;
    }

    private static Finding.Builder base(String id, Severity severity, Path file, OpenSshCertificate cert, String ca) {
        return Finding.of(id, severity)
                .evidence("certificate", file)
                .evidence("key id", cert.getId())
                .evidence("serial", Long.toUnsignedString(cert.getSerial()))
                .evidence("principals", cert.getPrincipals() == null ? "" : String.join(",", cert.getPrincipals()))
                .evidence("valid", Validity.describe(cert))
                .evidence("CA fingerprint", ca)
                .evidence("critical options", cert.getCriticalOptionsMap());
    }
}
