package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/** Turns a predicted negotiation into findings: what fails and why, both fixes, and algorithm hygiene. */
final class NegotiationVerdicts {
    private final Target target;
    private final InetSocketAddress remote;
    private final ClientAlgorithms client;
    private final ServerKexInit server;
    private final AlgorithmCatalog catalog = AlgorithmCatalog.builtIn();

    NegotiationVerdicts(Target target, InetSocketAddress remote, ClientAlgorithms client, ServerKexInit server) {
        this.target = target;
        this.remote = remote;
        this.client = client;
        this.server = server;
    }

    /** The exact line ssh prints when {@code list} has no common algorithm. */
    String sshMessage(KexList list) {
        return "Unable to negotiate with " + remote.getAddress().getHostAddress() + " port " + remote.getPort() + ": "
                + list.kind().noMatchText() + ". Their offer: " + capped(String.join(",", server.offer(list)), SSH_LINE);
    }

    /** ssh formats a log line into 1024 bytes (MSGBUFSIZ): a longer offer is cut. */
    private static final int SSH_LINE = 900;
    /** Names of an offer spelled out in a title or detail; a hostile server may send thousands. */
    private static final int NAMES_SHOWN = 12;

    private static String capped(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }

    /** At most NAMES_SHOWN names, then how many more. */
    private static String someOf(List<String> names) {
        return names.size() <= NAMES_SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
    }

    /** One error per kind with no common algorithm (both directions of a kind give one finding). */
    List<Finding> mismatches(Negotiation negotiation) {
        Map<AlgorithmKind, KexList> firstByKind = new LinkedHashMap<>();
        for (Negotiation.Outcome outcome : negotiation.failures()) {
            firstByKind.putIfAbsent(outcome.list().kind(), outcome.list());
        }
        List<Finding> findings = new ArrayList<>();
        boolean first = true;
        for (KexList list : firstByKind.values()) {
            findings.add(mismatch(list, first, negotiation));
            first = false;
        }
        return findings;
    }

    private Finding mismatch(KexList list, boolean reportedBySsh, Negotiation negotiation) {
        AlgorithmKind kind = list.kind();
        List<String> offer = server.algorithms(list);
        String offerText = offer.isEmpty() ? "nothing" : someOf(offer);
        StringBuilder detail = new StringBuilder();
        detail.append("The server offers ").append(offer.isEmpty() ? "no " + kind.noun() + " at all" : offerText)
                .append(list.direction().isEmpty() ? "" : " (" + list.direction() + ")")
                .append("; ").append(client.name()).append(" proposes ").append(summary(client.preferred(kind)))
                .append(". None is common.");
        if (offer.size() > Negotiation.OPENSSH_MAX_PROPOSALS || offer.contains("")) {
            detail.append("\nThe server's list has ").append(offer.size()).append(" names").append(offer.contains("")
                    ? " and an empty one" : "").append(": OpenSSH compares only the first ")
                    .append(Negotiation.asOpenSshReads(offer).size()).append(" (match.c reads at most ")
                    .append(Negotiation.OPENSSH_MAX_PROPOSALS).append(" and stops at an empty name), so the rest count for nothing.");
        }
        for (String algorithm : offer.subList(0, Math.min(offer.size(), Negotiation.OPENSSH_MAX_PROPOSALS))) {
            catalog.note(kind, algorithm).ifPresent(note -> detail.append("\n").append(algorithm).append(": ")
                    .append(note.why()).append("; ").append(note.openssh()).append('.'));
        }
        if (kind == AlgorithmKind.MAC) {
            detail.append("\nThe MAC matters here because the cipher chosen is not an AEAD cipher"
                    + " (chacha20-poly1305 and AES-GCM carry their own integrity check).");
        }
        detail.append(reportedBySsh ? "\nssh stops at this mismatch and prints the message below."
                : "\nssh stops at an earlier mismatch; once that is fixed it would print the message below.");
        Finding.Builder finding = Finding.of(HandshakeFindings.noCommon(kind), Severity.ERROR)
                .title("No " + kind.noun() + " in common with " + client.name() + ": the server offers only " + offerText)
                .detail(detail.toString())
                .evidence("server offer", capped(String.join(",", server.offer(list)), SSH_LINE))
                .evidence("client proposal", String.join(",", client.preferred(kind)))
                .evidence("client", client.source())
                .clientMessage(sshMessage(list))
                .fix(fix(kind, offer.subList(0, Math.min(offer.size(), Negotiation.OPENSSH_MAX_PROPOSALS))));
        if (!list.direction().isEmpty()) {
            finding.evidence("direction", list.direction());
        }
        return finding.build();
    }

    /** A list for people: certificate and security-key variants are counted, not spelled out. */
    static String summary(List<String> algorithms) {
        List<String> plain = algorithms.stream().filter(a -> !a.contains("-cert-") && !a.startsWith("sk-")).toList();
        int hidden = algorithms.size() - plain.size();
        return String.join(", ", plain) + (hidden == 0 ? "" : " (and " + hidden + " certificate or security-key variants)");
    }

    private String fix(AlgorithmKind kind, List<String> offer) {
        List<String> enable = offer.stream().filter(a -> client.canEnable(kind, a).orElse(true)).toList();
        StringBuilder fix = new StringBuilder("Real fix, on the server: ").append(serverFix(kind)).append("\n");
        if (enable.isEmpty()) {
            fix.append("Temporary fix: none on this client: ").append(client.name()).append(" cannot speak ")
                    .append(String.join(", ", offer)).append(" at all any more. An older client is the only stopgap.");
            return fix.toString();
        }
        String algorithm = enable.get(0);
        List<String> options = new ArrayList<>(List.of(kind.option() + "=+" + algorithm));
        if (kind == AlgorithmKind.HOST_KEY && (algorithm.equals("ssh-rsa") || algorithm.equals("ssh-dss"))) {
            // A server that signs only with SHA-1 also verifies user signatures only with SHA-1.
            options.add("PubkeyAcceptedAlgorithms=+" + algorithm);
        }
        String host = target.name();
        fix.append("Temporary fix, on the client (re-enables ").append(algorithm).append(", which is ")
                .append(catalog.note(kind, algorithm).map(AlgorithmCatalog.Note::why).orElse("disabled by default for a reason"))
                .append("; an attacker who can break it can read or alter the session, so use it only for this host"
                        + " and only until the server is fixed):\n  ssh ")
                .append(options.stream().map(o -> "-o " + o).collect(Collectors.joining(" ")))
                .append(' ').append(target.user()).append('@').append(host)
                .append(target.port() == 22 ? "" : " -p " + target.port())
                .append("\nor, to keep it scoped to this host, in ~/.ssh/config:\n  Host ").append(host).append('\n');
        for (String option : options) {
            String[] parts = option.split("=", 2);
            fix.append("      ").append(parts[0]).append(' ').append(parts[1]).append('\n');
        }
        return fix.toString().stripTrailing();
    }

    private static String serverFix(AlgorithmKind kind) {
        return switch (kind) {
            case HOST_KEY -> "give sshd a modern host key ('ssh-keygen -t ed25519 -N \"\" -f /etc/ssh/ssh_host_ed25519_key',"
                    + " then 'HostKey /etc/ssh/ssh_host_ed25519_key' in sshd_config and restart sshd). If it has an RSA key"
                    + " but a HostKeyAlgorithms line limits it to ssh-rsa, allow rsa-sha2-512,rsa-sha2-256 there; if its"
                    + " software cannot sign with rsa-sha2 at all (OpenSSH before 7.2, old embedded firmware), upgrade it.";
            case KEX -> "enable a modern key exchange in sshd_config KexAlgorithms (curve25519-sha256,"
                    + " diffie-hellman-group16-sha512, diffie-hellman-group14-sha256), or upgrade its SSH software or firmware.";
            case CIPHER -> "allow modern ciphers in sshd_config Ciphers (chacha20-poly1305@openssh.com, aes128-gcm@openssh.com,"
                    + " aes256-gcm@openssh.com, aes128-ctr, aes256-ctr), or upgrade its SSH software or firmware.";
            case MAC -> "allow hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256 in sshd_config"
                    + " MACs, or an AEAD cipher (chacha20-poly1305@openssh.com, aes256-gcm@openssh.com) in Ciphers.";
            case COMPRESSION -> "set 'Compression yes' (or no) in sshd_config; an SSH server must always accept 'none'.";
        };
    }

    /** What the client would use, when everything matches. */
    Finding negotiated(Negotiation negotiation) {
        String kex = chosen(negotiation, KexList.KEX);
        String hostKey = chosen(negotiation, KexList.HOST_KEY);
        String cipher = chosen(negotiation, KexList.CIPHER_C2S);
        Negotiation.Outcome mac = negotiation.outcome(KexList.MAC_C2S);
        return Finding.of(HandshakeFindings.ALGO_NEGOTIATED, Severity.OK)
                .title("Algorithm negotiation works for " + client.name() + ": " + kex + ", " + hostKey + ", " + cipher)
                .detail("Predicted from the server's KEXINIT and the client's proposal (" + client.source() + ").")
                .evidence("client", client.source())
                .evidence("kex", kex)
                .evidence("host key", hostKey)
                .evidence("cipher", cipher)
                .evidence("mac", mac.notNegotiated() ? "(implicit in " + cipher + ")" : mac.chosen().orElse("none"))
                .evidence("compression", chosen(negotiation, KexList.COMPRESSION_C2S))
                .evidence("strict kex", server.strictKex() ? "offered" : "not offered")
                .build();
    }

    private static String chosen(Negotiation negotiation, KexList list) {
        return negotiation.outcome(list).chosen().orElse("(none)");
    }

    /** Legacy algorithms: used by this client (warning), or only offered (info; warning with audit). */
    List<Finding> hygiene(Negotiation negotiation, boolean audit) {
        Set<String> used = new LinkedHashSet<>();
        Map<String, AlgorithmCatalog.Note> offered = new LinkedHashMap<>();
        Set<AlgorithmKind> failed = new java.util.HashSet<>();
        negotiation.failures().forEach(o -> failed.add(o.list().kind()));
        for (KexList list : KexList.values()) {
            Optional<String> chosen = negotiation.outcome(list).chosen();
            if (failed.contains(list.kind())) {
                continue; // the mismatch finding already explains this list's algorithms
            }
            for (String algorithm : server.algorithms(list)) {
                Optional<AlgorithmCatalog.Note> note = catalog.note(list.kind(), algorithm).filter(AlgorithmCatalog.Note::weak);
                if (note.isEmpty()) {
                    continue;
                }
                if (chosen.filter(algorithm::equals).isPresent()) {
                    used.add(algorithm);
                } else {
                    offered.put(algorithm, note.get());
                }
            }
        }
        offered.keySet().removeAll(used);
        List<Finding> findings = new ArrayList<>();
        if (!used.isEmpty()) {
            findings.add(legacy(HandshakeFindings.ALGO_LEGACY_USED, Severity.WARNING,
                    "Your connection would use legacy algorithms: " + String.join(", ", used),
                    "The server offers nothing better that this client also proposes, so the client falls back to"
                            + " them (or its configuration re-enables them).", used));
        }
        if (!offered.isEmpty()) {
            findings.add(legacy(HandshakeFindings.ALGO_LEGACY_OFFERED, audit ? Severity.WARNING : Severity.INFO,
                    "The server also offers " + offered.size() + " legacy algorithm(s) " + client.name()
                            + " does not use: " + String.join(", ", offered.keySet()),
                    "They do not affect this client, but older or misconfigured clients may pick them.", offered.keySet()));
        }
        terrapin().map(f -> audit ? f : relevel(f, Severity.INFO)).ifPresent(findings::add);
        return findings;
    }

    private Finding legacy(String id, Severity severity, String title, String why, Set<String> algorithms) {
        StringBuilder detail = new StringBuilder(why);
        Finding.Builder finding = Finding.of(id, severity).title(title);
        for (String algorithm : algorithms) {
            AlgorithmCatalog.Note note = noteOf(algorithm);
            detail.append("\n").append(algorithm).append(": ").append(note.why()).append("; ").append(note.openssh()).append('.');
            finding.evidence(algorithm, note.why());
        }
        return finding.detail(detail.toString())
                .fix("On the server, remove them from sshd_config (KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs with a"
                        + " leading '-', e.g. 'Ciphers -aes128-cbc'; pre-authentication zlib with 'Compression delayed'),"
                        + " then 'sshd -t' and restart sshd; 'sshd -T | grep -Ei"
                        + " \"^(kexalgorithms|hostkeyalgorithms|ciphers|macs)\"' shows the effective lists.")
                .build();
    }

    private AlgorithmCatalog.Note noteOf(String algorithm) {
        for (AlgorithmKind kind : AlgorithmKind.values()) {
            Optional<AlgorithmCatalog.Note> note = catalog.note(kind, algorithm);
            if (note.isPresent()) {
                return note.get();
            }
        }
        throw new IllegalArgumentException(algorithm);
    }

    /**
     * Terrapin (CVE-2023-48795) needs chacha20-poly1305, or a CBC cipher with an encrypt-then-MAC MAC,
     * and no strict key exchange. Inferred: it also depends on the client, which we do not see.
     */
    private Optional<Finding> terrapin() {
        if (server.strictKex()) {
            return Optional.empty();
        }
        List<String> ciphers = server.algorithms(KexList.CIPHER_C2S);
        boolean chacha = ciphers.contains("chacha20-poly1305@openssh.com");
        boolean cbcEtm = ciphers.stream().anyMatch(c -> c.endsWith("-cbc"))
                && server.algorithms(KexList.MAC_C2S).stream().anyMatch(m -> m.contains("-etm@"));
        if (!chacha && !cbcEtm) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(HandshakeFindings.ALGO_TERRAPIN, Severity.WARNING)
                .title("The server does not offer strict key exchange, so the Terrapin attack applies (CVE-2023-48795)")
                .detail("Its KEXINIT has no kex-strict-s-v00@openssh.com and it offers "
                        + (chacha ? "chacha20-poly1305@openssh.com" : "CBC ciphers with encrypt-then-MAC MACs")
                        + ". A man in the middle can then drop messages at the start of the encrypted session (e.g."
                        + " the extension negotiation), with clients that also lack strict key exchange (OpenSSH"
                        + " before 9.6 without the backported fix). Inferred from the algorithm lists.")
                .evidence("strict kex", "not offered")
                .evidence("vulnerable modes", chacha ? "chacha20-poly1305@openssh.com" : "CBC + EtM")
                .fix("Update the server's SSH software (OpenSSH 9.6+, Dropbear 2024.84+, or a distribution package with"
                        + " the Terrapin fix); until then, disable chacha20-poly1305@openssh.com and the *-etm MACs"
                        + " with CBC ciphers in sshd_config.")
                .inferred()
                .build());
    }

    private static Finding relevel(Finding f, Severity severity) {
        return new Finding(f.id(), severity, f.title(), f.detail(), f.evidence(), f.clientMessage(), f.fix(), f.observed());
    }
}
