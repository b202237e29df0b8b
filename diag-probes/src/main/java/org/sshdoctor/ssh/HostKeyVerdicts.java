package org.sshdoctor.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.render.TerminalText;

/** Compares the server's host keys with known_hosts as ssh does, and words the verdicts. */
final class HostKeyVerdicts {
    private final String host;
    private final int port;
    private final ClientAlgorithms client;
    private final KnownHosts knownHosts;

    /**
     * @param host the name ssh looks up: the HostKeyAlias, or the host name
     * @param port the port it looks up with (22 for an alias: no [host]:port form)
     */
    HostKeyVerdicts(String host, int port, ClientAlgorithms client, KnownHosts knownHosts) {
        this.host = host;
        this.port = port;
        this.client = client;
        this.knownHosts = knownHosts;
    }

    /** How ssh names the host in known_hosts and messages: {@code [host]:port} unless the port is 22. */
    String hostName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /**
     * @param usedAlgorithm the host key algorithm ssh would negotiate
     * @param used the server's plain key of that type
     */
    List<Finding> judge(Map<String, ServerHostKey> keys, List<KnownHosts.Entry> entries, Optional<String> usedAlgorithm,
            Optional<ServerHostKey> used) {
        List<Finding> findings = new ArrayList<>();
        if (!knownHosts.malformed().isEmpty()) {
            findings.add(malformed());
        }
        Optional<ServerHostKey> certificate = usedAlgorithm.filter(a -> a.contains("-cert-"))
                .flatMap(a -> keys.values().stream().filter(k -> k.certificate().isPresent()).findFirst());
        boolean caApplies = entries.stream().anyMatch(e -> e.marker().filter("cert-authority"::equals).isPresent());
        if (usedAlgorithm.filter(a -> a.contains("-cert-")).isPresent() && certificate.isEmpty() && caApplies) {
            findings.add(rejectedCertificate(usedAlgorithm.get()));
        }
        if (certificate.isPresent()) {
            Optional<Finding> verdict = certificate(certificate.get(), entries);
            verdict.ifPresent(findings::add);
            if (verdict.filter(f -> f.id().equals(HandshakeFindings.HOSTKEY_KNOWN)).isPresent()) {
                return findings; // the CA vouches for the key: ssh checks nothing else
            }
        }
        for (ServerHostKey key : keys.values()) {
            if (key.certificate().isPresent()) {
                continue; // judged above; its certified key is also scanned plainly
            }
            boolean isUsed = used.filter(u -> u == key).isPresent();
            // A revoked key is reported whatever host pattern its line has: serving it anywhere is suspect.
            knownHosts.entries().stream().filter(e -> e.marker().filter("revoked"::equals).isPresent() && e.sameKey(key.key()))
                    .findFirst().ifPresent(e -> findings.add(revoked(key, e, isUsed)));
            List<KnownHosts.Entry> sameType = entries.stream()
                    .filter(e -> e.marker().isEmpty() && e.keyType().equals(key.keyType())).toList();
            Optional<KnownHosts.Entry> match = sameType.stream().filter(e -> e.sameKey(key.key())).findFirst();
            if (match.isEmpty() && !sameType.isEmpty()) {
                findings.add(changed(key, sameType.get(0), isUsed));
            } else if (match.isPresent() && isUsed) {
                findings.add(known(key, match.get(), keys));
            }
        }
        boolean anyKnown = entries.stream().anyMatch(e -> e.marker().isEmpty());
        if (used.isPresent() && !anyKnown) {
            findings.add(unknown(used.get(), keys));
        }
        return findings;
    }

    /** A host certificate ssh would check against @cert-authority lines; empty when no CA line applies. */
    private Optional<Finding> certificate(ServerHostKey key, List<KnownHosts.Entry> entries) {
        OpenSshCertificate certificate = key.certificate().orElseThrow();
        Optional<KnownHosts.Entry> ca = entries.stream()
                .filter(e -> e.marker().filter("cert-authority"::equals).isPresent() && e.sameKey(certificate.getCaPubKey()))
                .findFirst();
        if (ca.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (certificate.getType() != OpenSshCertificate.Type.HOST) {
            problems.add("it is a user certificate, not a host certificate");
        }
        if (!certificate.getPrincipals().isEmpty() && !certificate.getPrincipals().contains(host)) {
            problems.add("name is not a listed principal");
        }
        if (!OpenSshCertificate.isValidNow(certificate)) {
            problems.add("it is expired or not yet valid");
        }
        String principals = certificate.getPrincipals().isEmpty() ? "(any)" : String.join(",", certificate.getPrincipals());
        String validity = validity(certificate);
        Finding.Builder finding = problems.isEmpty()
                ? Finding.of(HandshakeFindings.HOSTKEY_KNOWN, Severity.OK)
                        .title("The host certificate is signed by the CA trusted at " + ca.get().location())
                        .detail("ssh negotiates the " + key.keyType() + " certificate, and a @cert-authority line for "
                                + hostName() + " trusts its CA, so ssh accepts the key without a known_hosts entry of"
                                + " its own.")
                : Finding.of(HandshakeFindings.HOSTKEY_CERT_INVALID, Severity.WARNING)
                        .title("The host certificate is signed by a trusted CA but ssh rejects it: " + String.join("; ", problems))
                        .detail("ssh prints the reason, then falls back to checking the certified key itself against"
                                + " known_hosts, as if there were no certificate.")
                        .clientMessage("Certificate invalid: " + problems.get(0))
                        .fix("Re-issue the certificate on the CA: ssh-keygen -s CA_KEY -I " + TerminalText.line(certificate.getId())
                                + " -h -n " + host + " -V -5m:+52w /etc/ssh/ssh_host_" + fileType(key) + "_key.pub, then"
                                + " point sshd's HostCertificate at the new -cert.pub and reload sshd.");
        return Optional.of(finding.evidence("known_hosts", ca.get().location())
                .evidence("certificate id", TerminalText.line(certificate.getId()))
                .evidence("principals", TerminalText.line(principals))
                .evidence("valid", validity)
                .evidence("CA", KeyUtils.getFingerPrint(certificate.getCaPubKey()))
                .evidence("key", key.sha256())
                .build());
    }

    /** Our client already refused the certificate (MINA checks principal, dates, type and signature). */
    private Finding rejectedCertificate(String algorithm) {
        return Finding.of(HandshakeFindings.HOSTKEY_CERT_INVALID, Severity.WARNING)
                .title("The server's " + algorithm + " host certificate is not valid for " + host)
                .detail("A @cert-authority line applies to " + hostName() + " and ssh would negotiate a certificate,"
                        + " but the certificate fails the checks ssh makes too: most often " + host + " is not among its"
                        + " principals; otherwise it has expired, is not yet valid, or is not a host certificate. ssh"
                        + " prints \"Certificate invalid: ...\" and falls back to plain known_hosts entries for the"
                        + " certified key.")
                .evidence("algorithm", algorithm)
                .fix("On the server, 'ssh-keygen -L -f /etc/ssh/ssh_host_*_key-cert.pub' shows principals and"
                        + " validity; re-issue it with every name clients use: ssh-keygen -s CA_KEY -I ID -h -n " + host
                        + ",OTHER-NAMES -V -5m:+52w /etc/ssh/ssh_host_ed25519_key.pub, then reload sshd.")
                .build();
    }

    private static String validity(OpenSshCertificate certificate) {
        String from = certificate.getValidAfter() == 0 ? "always"
                : java.time.Instant.ofEpochSecond(certificate.getValidAfter()).toString();
        String to = certificate.getValidBefore() == OpenSshCertificate.INFINITY ? "forever"
                : java.time.Instant.ofEpochSecond(certificate.getValidBefore()).toString();
        return "from " + from + " to " + to;
    }

    private Finding known(ServerHostKey key, KnownHosts.Entry entry, Map<String, ServerHostKey> keys) {
        return withFingerprints(Finding.of(HandshakeFindings.HOSTKEY_KNOWN, Severity.OK)
                .title("The " + key.displayType() + " host key matches " + entry.location())
                .detail("ssh will use the " + key.displayType() + " key, and known_hosts holds that very key for "
                        + hostName() + ".")
                .evidence("known_hosts", entry.location()), keys).build();
    }

    private Finding unknown(ServerHostKey key, Map<String, ServerHostKey> keys) {
        return withFingerprints(Finding.of(HandshakeFindings.HOSTKEY_UNKNOWN, Severity.INFO)
                .title("First connection: no known_hosts entry for " + hostName() + ", so ssh will ask you to verify "
                        + print(key))
                .detail("None of the known_hosts files (" + files() + ") has a key for " + hostName() + ". ssh will show"
                        + " the " + key.displayType() + " key's fingerprint and ask whether to trust it (with BatchMode or"
                        + " StrictHostKeyChecking=yes it refuses instead).")
                .clientMessage(key.displayType() + " key fingerprint is " + print(key) + ".")
                .fix("Before answering yes, compare the fingerprint with one obtained out of band: on the server, run"
                        + " '" + keygen() + " /etc/ssh/ssh_host_" + fileType(key) + "_key.pub' (or read it from your"
                        + " provider's console). It must print " + print(key) + "."), keys).build();
    }

    private Finding changed(ServerHostKey key, KnownHosts.Entry old, boolean isUsed) {
        String oldPrint = old.key().map(k -> client.md5Fingerprints() ? KeyUtils.getFingerPrint(BuiltinDigests.md5, k)
                : KeyUtils.getFingerPrint(k)).orElse("(unreadable)");
        return Finding.of(HandshakeFindings.HOSTKEY_CHANGED, isUsed ? Severity.ERROR : Severity.WARNING)
                .title((isUsed ? "REMOTE HOST IDENTIFICATION HAS CHANGED: " : "A stale known_hosts entry: ")
                        + "the " + key.displayType() + " key of " + hostName() + " differs from " + old.location())
                .detail("known_hosts holds a different " + key.displayType() + " key for " + hostName() + " at "
                        + old.location() + " (" + oldPrint + "); the server presents " + print(key) + ". "
                        + (isUsed ? "ssh refuses to connect (and with StrictHostKeyChecking=no still disables"
                                + " password and keyboard-interactive login). "
                                : "ssh negotiates another key type with this server, so it does not complain yet. ")
                        + "Usually the server was reinstalled or re-keyed, or the address now belongs to another"
                        + " machine; it can also be someone intercepting the connection.")
                .evidence("known_hosts", old.location())
                .evidence("old fingerprint", oldPrint)
                .evidence("new fingerprint", key.sha256())
                .evidence("new fingerprint (MD5)", key.md5())
                .clientMessage(isUsed ? "WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!\nOffending "
                        + key.displayType() + " key in " + old.location() + "\nHost key verification failed." : null)
                .fix("1. Verify the new key out of band: on the server, '" + keygen() + " /etc/ssh/ssh_host_"
                        + fileType(key) + "_key.pub' must print " + print(key) + ".\n2. Only then remove the old"
                        + " entry: ssh-keygen -f \"" + old.file() + "\" -R \"" + hostName() + "\"\n3. Connect again"
                        + " and accept the new key.")
                .build();
    }

    private Finding revoked(ServerHostKey key, KnownHosts.Entry entry, boolean isUsed) {
        return Finding.of(HandshakeFindings.HOSTKEY_REVOKED, isUsed ? Severity.ERROR : Severity.WARNING)
                .title("The server presents a revoked " + key.displayType() + " host key (" + entry.location() + ")")
                .detail("known_hosts marks this key @revoked at " + entry.location() + ". "
                        + (isUsed ? "ssh refuses it: the key was withdrawn, for instance after it was stolen."
                                : "ssh uses another key type here, but any client that picks this type refuses it."))
                .evidence("known_hosts", entry.location())
                .evidence("fingerprint", key.sha256())
                .clientMessage(isUsed ? "WARNING: REVOKED HOST KEY DETECTED!" : null)
                .fix("Ask the server's administrator whether the key was replaced; the server must stop using it"
                        + " (remove its HostKey line, generate a new key with ssh-keygen -t ed25519, restart sshd).")
                .build();
    }

    private Finding malformed() {
        String lines = knownHosts.malformed().stream().map(m -> m.file() + ":" + m.line() + ": " + m.reason())
                .collect(Collectors.joining("\n"));
        Finding.Builder finding = Finding.of(HandshakeFindings.KNOWN_HOSTS_MALFORMED, Severity.WARNING)
                .title(knownHosts.malformed().size() + " known_hosts line(s) cannot be parsed; ssh ignores them")
                .detail("ssh skips these lines without a word, so a host key written there protects nothing:\n" + lines)
                .fix("Fix or delete the lines (ssh-keygen -R HOST rewrites the file); 'ssh-keygen -F HOST -f FILE' shows"
                        + " what ssh finds for a host.");
        knownHosts.malformed().forEach(m -> finding.evidence(m.file() + ":" + m.line(), m.reason()));
        return finding.build();
    }

    private static Finding.Builder withFingerprints(Finding.Builder finding, Map<String, ServerHostKey> keys) {
        keys.values().stream().filter(k -> k.certificate().isEmpty()).forEach(k -> finding.evidence(label(k), k.sha256()));
        // Old servers, consoles and documentation still show MD5 (ssh -o FingerprintHash=md5, ssh-keygen -E md5):
        // the evidence carries it too, shown with -v and in --json.
        keys.values().stream().filter(k -> k.certificate().isEmpty()).forEach(k -> finding.evidence(label(k) + " (MD5)",
                k.md5()));
        keys.values().stream().flatMap(k -> k.certificate().stream()).forEach(c -> finding.evidence("certificate",
                TerminalText.line(c.getId()) + ", principals " + String.join(",", c.getPrincipals()) + ", signed by "
                        + KeyUtils.getFingerPrint(c.getCaPubKey())));
        return finding;
    }

    /** The fingerprint as the user's ssh shows it: SHA256, or MD5 with FingerprintHash md5. */
    private String print(ServerHostKey key) {
        return client.fingerprint(key);
    }

    /** The ssh-keygen command that prints the fingerprint in the same form. */
    private String keygen() {
        return client.md5Fingerprints() ? "ssh-keygen -E md5 -lf" : "ssh-keygen -lf";
    }

    private String files() {
        return client.knownHostsFiles().isEmpty() ? "none given"
                : client.knownHostsFiles().stream().map(p -> TerminalText.line(p.toString())).collect(Collectors.joining(", "));
    }

    private static String fileType(ServerHostKey key) {
        return switch (key.displayType()) {
            case "ED25519" -> "ed25519";
            case "ECDSA" -> "ecdsa";
            case "DSA" -> "dsa";
            default -> "rsa";
        };
    }

    private static String label(ServerHostKey key) {
        return key.displayType()
                + (key.keyType().startsWith("ecdsa") ? " " + key.keyType().substring(key.keyType().lastIndexOf('-') + 1) : "");
    }
}
