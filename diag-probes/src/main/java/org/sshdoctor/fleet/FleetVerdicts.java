package org.sshdoctor.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/** Words the fleet-level findings: shared host keys, changed host keys, servers that need legacy algorithms. */
final class FleetVerdicts {
    /** Hosts named in a title or detail before "and N more"; evidence and JSON always list all. */
    static final int SHOWN = 10;

    private FleetVerdicts() {}

    static List<Finding> findings(List<FleetSummary.SharedKey> shared, List<FleetSummary.ChangedKey> changed,
            List<FleetSummary.LegacyServer> legacy) {
        List<Finding> findings = new ArrayList<>();
        shared.forEach(key -> findings.add(shared(key)));
        if (!changed.isEmpty()) {
            findings.add(changed(changed));
        }
        legacy.forEach(server -> findings.add(legacy(server)));
        return List.copyOf(findings);
    }

    static Finding shared(FleetSummary.SharedKey shared) {
        String types = shared.keys().stream().map(FleetSummary.Key::keyType).collect(Collectors.joining(", "));
        String prints = shared.keys().stream().map(k -> k.keyType() + " " + k.fingerprint()).collect(Collectors.joining(", "));
        Finding.Builder finding = Finding.of(FleetFindings.SHARED_HOSTKEY, Severity.WARNING)
                .title(shared.hosts().size() + " servers present the same host key" + (shared.keys().size() > 1 ? "s" : "")
                        + " (" + types + ")")
                .detail("These servers (distinct addresses or ports) all present the same host key"
                        + (shared.keys().size() > 1 ? "s" : "") + " (" + prints + "): " + hosts(shared.hosts())
                        + ". A host key should identify one machine. The same key on several usually means they were"
                        + " cloned from one image whose host keys were not regenerated, so whoever holds one copy of"
                        + " the private key can impersonate every one of them, and known_hosts cannot tell them apart."
                        + " One machine reached under several addresses, or load-balanced backends given one key on"
                        + " purpose, look the same.");
        shared.keys().forEach(k -> finding.evidence(k.keyType(), k.fingerprint()));
        return finding.evidence("hosts", String.join(", ", shared.hosts()))
                .fix("On each cloned machine: sudo rm /etc/ssh/ssh_host_*_key*; sudo ssh-keygen -A; sudo systemctl"
                        + " restart ssh (sshd on RHEL); then remove the old entries from clients' known_hosts"
                        + " (ssh-keygen -R HOST) and verify the new fingerprints. Build images without host keys"
                        + " (cloud-init and most distributions create them on first boot when missing).")
                .build();
    }

    static Finding changed(List<FleetSummary.ChangedKey> changed) {
        Finding.Builder finding = Finding.of(FleetFindings.HOSTKEYS_CHANGED, Severity.ERROR)
                .title(changed.size() + " host(s) present a host key that differs from known_hosts")
                .detail("ssh refuses these hosts (REMOTE HOST IDENTIFICATION HAS CHANGED) or warns about a stale"
                        + " entry: " + hosts(changed.stream().map(FleetSummary.ChangedKey::host).toList()) + ". Many"
                        + " at once usually means a planned re-install or re-keying; a single one deserves a check"
                        + " of its new fingerprint through another channel before anyone logs in.");
        for (FleetSummary.ChangedKey key : changed) {
            finding.evidence(key.host(), key.knownHosts() + ": " + key.oldFingerprint() + " -> " + key.newFingerprint());
        }
        return finding.fix("Verify each new fingerprint on the server's console (ssh-keygen -lf"
                        + " /etc/ssh/ssh_host_ed25519_key.pub), then remove the stale lines: ssh-keygen -R HOST"
                        + " (ssh-keygen -R '[HOST]:PORT' for another port).")
                .build();
    }

    static Finding legacy(FleetSummary.LegacyServer server) {
        Finding.Builder finding = Finding.of(FleetFindings.LEGACY_NEEDED, Severity.WARNING)
                .title(server.host() + " needs legacy algorithms for some clients: " + describe(server.clients()))
                .detail("Predicted from the server's KEXINIT for the default settings of each OpenSSH release sshdoctor"
                        + " knows: " + server.clients().stream().map(FleetVerdicts::line).collect(Collectors.joining("; "))
                        + ". Clients that connect only through these algorithms rely on SHA-1 or CBC, which newer"
                        + " releases no longer offer; users then add -o options, or lower security settings everywhere.");
        for (ClientCompatibility.Client client : server.clients()) {
            finding.evidence(client.profile(), line(client));
        }
        return finding.fix("Give the server modern algorithms next to the old ones: an Ed25519 host key (ssh-keygen -t"
                        + " ed25519 -f /etc/ssh/ssh_host_ed25519_key, plus a HostKey line), rsa-sha2-256/512 signatures"
                        + " for RSA keys (OpenSSH 7.2 or later), curve25519-sha256 key exchange, and aes128-ctr or"
                        + " chacha20-poly1305 ciphers; an sshd too old for these should be upgraded. Until then, the"
                        + " client options shown make newer clients connect.")
                .build();
    }

    /** How the releases connect, one clause per group: "OpenSSH 8.8, 9.2 not by default (needs -o HostKeyAlgorithms=+ssh-rsa)". */
    static String describe(List<ClientCompatibility.Client> clients) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ClientCompatibility.Client client : clients) {
            String clause = switch (client.verdict()) {
                case MODERN -> "";
                case LEGACY -> "only with " + String.join(", ", client.legacy());
                case NEEDS_OPTION -> "not by default (needs -o " + String.join(" -o ", client.options()) + ")";
                case FAILS -> "not at all";
            };
            if (!clause.isEmpty()) {
                groups.computeIfAbsent(clause, c -> new ArrayList<>()).add(ClientCompatibility.release(client.profile()));
            }
        }
        return groups.entrySet().stream().map(e -> joinReleases(e.getValue()) + " " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    private static String joinReleases(List<String> releases) {
        return "OpenSSH " + releases.stream().map(r -> r.replace("OpenSSH ", "")).collect(Collectors.joining(", "));
    }

    private static String line(ClientCompatibility.Client client) {
        String release = ClientCompatibility.release(client.profile());
        return switch (client.verdict()) {
            case MODERN -> release + " connects with modern algorithms";
            case LEGACY -> release + " connects, only with " + String.join(", ", client.legacy());
            case NEEDS_OPTION -> release + " fails by default, connects with -o " + String.join(" -o ", client.options());
            case FAILS -> release + " cannot connect";
        };
    }

    static String hosts(List<String> hosts) {
        String shown = hosts.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return hosts.size() > SHOWN ? shown + " and " + (hosts.size() - SHOWN) + " more" : shown;
    }
}
