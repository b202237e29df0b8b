package org.sshdoctor.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.xbill.DNS.SSHFPRecord;

/**
 * Checks the host's SSHFP records in DNS (RFC 4255/6594) against the host keys the server presented,
 * and whether the answer was DNSSEC-validated (the AD bit): what ssh's {@code VerifyHostKeyDNS} relies
 * on. A host without SSHFP records gets no finding; a lookup that fails is only mentioned in the summary.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshfpProbe implements Probe {
    private final SshfpLookup lookup;

    /** Asks the system's name server. */
    public SshfpProbe() {
        this(Optional.empty());
    }

    /** Asks the given DNS server (tests, or a chosen validating resolver). */
    public SshfpProbe(Optional<InetSocketAddress> dnsServer) {
        this.lookup = new SshfpLookup(dnsServer);
    }

    @Override
    public String name() {
        return "sshfp";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(HandshakeFacts.HOST_KEYS);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        String host = context.target().hostName();
        ProbeResult.Builder result = ProbeResult.builder();
        if (context.target().isAddressLiteral()) {
            return result.ok("an address has no SSHFP records");
        }
        SshfpLookup.Answer answer;
        try {
            answer = lookup.lookup(host, context.remaining());
        } catch (IOException e) {
            return result.ok("SSHFP lookup failed: " + e.getMessage());
        }
        if (answer.records().isEmpty()) {
            return result.ok("no SSHFP records for " + host + " (" + answer.rcode() + ")");
        }
        List<ServerHostKey> keys = context.fact(HandshakeFacts.HOST_KEYS).keys();
        List<String> matched = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (ServerHostKey key : keys) {
            int algorithm = algorithmNumber(key);
            List<SSHFPRecord> forType = answer.records().stream().filter(r -> r.getAlgorithm() == algorithm).toList();
            if (forType.isEmpty()) {
                continue;
            }
            boolean match = forType.stream().anyMatch(r -> digest(key, r.getDigestType())
                    .filter(d -> MessageDigest.isEqual(d, r.getFingerPrint())).isPresent());
            (match ? matched : mismatched).add(key.displayType());
        }
        if (!mismatched.isEmpty()) {
            result.finding(Finding.of(HandshakeFindings.SSHFP_MISMATCH, Severity.WARNING)
                    .title("SSHFP records for " + host + " do not match its " + String.join(", ", mismatched) + " key(s)")
                    .detail("DNS publishes SSHFP fingerprints for these key types, but none matches the key the server"
                            + " presents: the records are stale (the host was re-keyed) or the name points elsewhere."
                            + " With VerifyHostKeyDNS=yes ssh warns and asks instead of trusting DNS.")
                    .evidence("records", answer.records().size())
                    .evidence("dnssec", answer.authenticated() ? "validated (AD)" : "not validated")
                    .clientMessage("Update the SSHFP RR in DNS with the new host key to get rid of this message.")
                    .fix("Regenerate the records on the server with 'ssh-keygen -r " + host + "' and replace the SSHFP"
                            + " records in the zone (then re-sign it if it uses DNSSEC).")
                    .build());
        }
        if (!matched.isEmpty()) {
            result.finding(Finding.of(HandshakeFindings.SSHFP_MATCH, answer.authenticated() ? Severity.OK : Severity.INFO)
                    .title("SSHFP records match the " + String.join(", ", matched) + " key(s)"
                            + (answer.authenticated() ? ", DNSSEC-validated" : ", but the answer was not DNSSEC-validated"))
                    .detail(answer.authenticated()
                            ? "With VerifyHostKeyDNS=yes ssh trusts the key without asking (\"Matching host key fingerprint found in DNS\")."
                            : "The resolver did not set the AD bit, so ssh (VerifyHostKeyDNS=yes) only says it found a"
                                    + " matching fingerprint and still asks: the zone is not signed, or the resolver"
                                    + " does not validate.")
                    .evidence("records", answer.records().size())
                    .evidence("dnssec", answer.authenticated() ? "validated (AD)" : "not validated")
                    .fix(answer.authenticated() ? "" : "Sign the zone with DNSSEC and use a validating resolver (with"
                            + " 'options trust-ad' in resolv.conf on glibc) to let ssh trust the records.")
                    .build());
        }
        return result.ok(answer.records().size() + " SSHFP record(s): " + matched.size() + " key type(s) match, "
                + mismatched.size() + " do not; " + (answer.authenticated() ? "DNSSEC-validated" : "not validated"));
    }

    /** RFC 4255/6594/7479 algorithm numbers. */
    static int algorithmNumber(ServerHostKey key) {
        return switch (key.displayType()) {
            case "RSA" -> 1;
            case "DSA" -> 2;
            case "ECDSA" -> 3;
            case "ED25519" -> 4;
            default -> -1;
        };
    }

    /** The fingerprint of the key's SSH wire blob: type 1 SHA-1, type 2 SHA-256. */
    static Optional<byte[]> digest(ServerHostKey key, int digestType) {
        String algorithm = digestType == 1 ? "SHA-1" : digestType == 2 ? "SHA-256" : null;
        if (algorithm == null) {
            return Optional.empty();
        }
        try {
            ByteArrayBuffer blob = new ByteArrayBuffer();
            blob.putRawPublicKey(key.key());
            return Optional.of(MessageDigest.getInstance(algorithm).digest(blob.getCompactData()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
