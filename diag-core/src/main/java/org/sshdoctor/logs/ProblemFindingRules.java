package org.sshdoctor.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sshdoctor.logs.Observations.Tally;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Findings about the server and its accounts that someone has to act on: refused algorithms, revoked
 * keys and refused certificates (with the account tied to them), StrictModes and chroot ownership,
 * missing subsystems, unusable accounts, AllowUsers refusals of real users, MaxStartups drops and
 * configuration errors; plus informational counts (timeouts, dropped clients, SFTP errors).
 */
final class ProblemFindingRules {
    private static final String SIGNATURE = "public key signature algorithm";
    private static final List<String> SCANNER_OFFERS = List.of("diffie-hellman-group1-sha1", "ssh-dss", "ssh-rsa",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    private final Observations o;
    private final List<CredentialStory> stories;
    private final SourceTracker sources;
    private final List<Finding> findings = new ArrayList<>();

    ProblemFindingRules(Observations observations, List<CredentialStory> stories, SourceTracker sources) {
        this.o = observations;
        this.stories = stories;
        this.sources = sources;
    }

    List<Finding> findings() {
        negotiation();
        credentials(CredentialStory.Kind.REVOKED_KEY);
        credentials(CredentialStory.Kind.CERTIFICATE);
        simple(LogFindings.ROOT_PASSWORD_LOGIN, Severity.WARNING, o.rootPasswordLogins, "root logged in with %s",
                "Use keys for root, or log in as yourself and use sudo: PermitRootLogin prohibit-password.");
        simple(LogFindings.STRICTMODES_REFUSED, Severity.ERROR, o.badModes, "sshd ignores keys: bad ownership or modes for %s",
                "chown the user's home, ~/.ssh and authorized_keys to the user; chmod go-w ~ ~/.ssh; chmod 600 ~/.ssh/authorized_keys.");
        simple(LogFindings.CHROOT_OWNERSHIP, Severity.ERROR, o.chroot, "Chroot directory %s is not owned by root or is writable",
                "Every component of ChrootDirectory must be owned by root and not group or world writable: chown root:root; chmod 755.");
        simple(LogFindings.SUBSYSTEM_MISSING, Severity.ERROR, o.subsystems, "Subsystem %s requested but not configured",
                "Add it to sshd_config, e.g. Subsystem sftp internal-sftp, then reload sshd.");
        simple(LogFindings.SERVER_CONFIG_ERROR, Severity.ERROR, o.configErrors, "sshd reported: %s",
                "Run sshd -t to check the configuration, fix what it names, then reload sshd.");
        notAllowed();
        counted(LogFindings.MAXSTARTUPS_DROPS, Severity.WARNING, o.maxStartups,
                "sshd dropped %d connection%s at the MaxStartups limit",
                "Legitimate clients may be refused too: block the flood (fail2ban, firewall) or raise MaxStartups (e.g. 30:30:100).");
        counted(LogFindings.PREAUTH_TIMEOUTS, Severity.INFO, o.preauthTimeouts, "%d connection%s timed out before authentication", "");
        counted(LogFindings.CLIENTS_DROPPED, Severity.INFO, o.clientsDropped, "%d established connection%s dropped by the network or the client", "");
        if (!o.sftpErrors.isEmpty()) {
            long total = o.sftpErrors.values().stream().mapToLong(t -> t.count).sum();
            findings.add(Finding.of(LogFindings.SFTP_ERRORS, Severity.INFO)
                    .title(total + " SFTP request" + LogFindingRules.plural(total) + " refused")
                    .detail(o.sftpErrors.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().count + ")")
                            .collect(Collectors.joining(", ")))
                    .evidence("requests", total).build());
        }
        return findings;
    }

    private void negotiation() {
        Map<String, List<String>> offers = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (Map.Entry<String, Tally> entry : o.negotiation.entrySet()) {
            String[] parts = entry.getKey().split("\t", 2);
            String what = parts[0];
            String offer = parts.length > 1 ? parts[1] : "";
            Tally tally = entry.getValue();
            if (what.equals(SIGNATURE)) {
                findings.add(Finding.of(LogFindings.SIGNATURE_ALGORITHM_REFUSED, Severity.WARNING)
                        .title("Clients sign with " + offer + ", which PubkeyAcceptedAlgorithms refuses (" + tally.count + " times)")
                        .detail("Their key login fails with \"Permission denied (publickey)\" although the key is authorized.")
                        .evidence("algorithm", offer).evidence("count", tally.count)
                        .fix("Upgrade the clients (OpenSSH 7.2+ signs with rsa-sha2-256/512), or add +" + offer
                                + " to PubkeyAcceptedAlgorithms as a stopgap.")
                        .build());
                continue;
            }
            boolean scanner = SCANNER_OFFERS.contains(offer) || (what.equals("host key type") && oneKeyFamily(offer));
            boolean legitimate = tally.examples.isEmpty() || tally.examples.stream().anyMatch(a -> sources.source(a)
                    .map(s -> s.attempts() == 0).orElse(true));
            if (scanner || !legitimate) {
                continue; // counted as probes of their source: scans and bots, not faults
            }
            offers.computeIfAbsent(what, k -> new ArrayList<>()).add(offer.isEmpty() ? "(not logged)" : offer);
            counts.merge(what, tally.count, Long::sum);
            tally.examples.stream().findFirst().ifPresent(a -> example.putIfAbsent(what, a));
        }
        for (Map.Entry<String, List<String>> entry : offers.entrySet()) {
            String what = entry.getKey();
            long count = counts.get(what);
            findings.add(Finding.of(LogFindings.NEGOTIATION_FAILED, Severity.WARNING)
                    .title("No matching " + what + " for " + count + " connection" + LogFindingRules.plural(count)
                            + (example.containsKey(what) ? " (e.g. from " + example.get(what) + ")" : ""))
                    .detail("The clients offered only: " + String.join(" | ", entry.getValue()))
                    .evidence(what.replace(' ', '-'), String.join(" | ", entry.getValue())).evidence("count", count)
                    .clientMessage("Unable to negotiate with <host> port <port>: no matching " + what + " found. Their offer: <list>")
                    .fix("Upgrade the client; if it cannot be upgraded, re-enable the algorithm for it alone "
                            + "(Match Address ... + Ciphers/MACs/KexAlgorithms +ALG). sshd -T | grep -Ei 'ciphers|macs|kex' shows what is allowed.")
                    .build());
        }
    }

    /**
     * ssh-keyscan and nmap's ssh-hostkey ask for one key family per connection (all ECDSA sizes, all RSA
     * signatures, one security-key type); a real client offers several families at once.
     */
    static boolean oneKeyFamily(String offer) {
        String family = null;
        for (String algorithm : offer.split(",")) {
            String f = algorithm.startsWith("ecdsa-") ? "ecdsa" : algorithm.startsWith("rsa-") || algorithm.startsWith("ssh-rsa") ? "rsa"
                    : algorithm.startsWith("sk-") ? algorithm : algorithm.replace("-cert-v01@openssh.com", "");
            if (family != null && !family.equals(f)) {
                return false;
            }
            family = f;
        }
        return family != null;
    }

    private void credentials(CredentialStory.Kind kind) {
        Map<String, List<CredentialStory>> byCredential = new LinkedHashMap<>();
        for (CredentialStory story : stories) {
            if (story.kind() == kind) { // one finding per revoked key; all certificate refusals together
                byCredential.computeIfAbsent(kind == CredentialStory.Kind.REVOKED_KEY ? story.credential() : "certificates",
                        k -> new ArrayList<>()).add(story);
            }
        }
        for (Map.Entry<String, List<CredentialStory>> entry : byCredential.entrySet()) {
            List<CredentialStory> list = entry.getValue();
            String accounts = list.stream().flatMap(s -> s.user().stream()).distinct().collect(Collectors.joining(", "));
            long unknown = list.stream().filter(s -> s.user().isEmpty()).count();
            String reasons = list.stream().map(CredentialStory::credential).distinct().collect(Collectors.joining(", "));
            String from = list.stream().flatMap(s -> s.address().stream()).distinct().limit(5).collect(Collectors.joining(", "));
            String detail = list.stream().limit(10).map(CredentialStory::describe).collect(Collectors.joining("\n"));
            boolean revoked = kind == CredentialStory.Kind.REVOKED_KEY;
            findings.add(Finding.of(revoked ? LogFindings.REVOKED_KEY_USED : LogFindings.CERTIFICATE_REFUSED, Severity.WARNING)
                    .title((revoked ? "Revoked key " + entry.getKey() + " was tried " : "User certificates were refused ")
                            + list.size() + " time" + LogFindingRules.plural(list.size())
                            + (revoked ? "" : " (" + reasons + ")")
                            + (accounts.isEmpty() ? "" : " by " + accounts + (unknown > 0 ? " and " + unknown + " unnamed" : "")))
                    .detail(detail)
                    .evidence(revoked ? "key" : "reasons", revoked ? entry.getKey() : reasons)
                    .evidence("accounts", accounts)
                    .evidence("from", from)
                    .fix(revoked ? "Find the key's owner (ssh-keygen -lf over your archive of old keys), make sure it is "
                            + "replaced, and remove it from every authorized_keys."
                            : "Reissue the certificate (ssh-keygen -s CA -I ID -n PRINCIPALS -V +52w key.pub) with the right "
                            + "validity, principals and source-address.")
                    .build());
        }
    }

    private void notAllowed() {
        Map<String, List<String>> unusable = new LinkedHashMap<>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        boolean realUser = false;
        for (Map.Entry<String, Tally> entry : o.notAllowed.entrySet()) {
            String[] parts = entry.getKey().split("\t", 2);
            String reason = parts.length > 1 ? parts[1] : "";
            String line = parts[0] + " (" + entry.getValue().count + "x, " + reason + ")";
            boolean account = reason.contains("locked") || reason.contains("shell") || reason.contains("nologin")
                    || reason.contains("exists") || reason.contains("expired");
            if (account) {
                unusable.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(line);
            } else {
                refused.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(line);
                realUser |= sources.acceptedLogins(parts[0]) > 0;
            }
        }
        if (!unusable.isEmpty()) {
            findings.add(Finding.of(LogFindings.ACCOUNT_UNUSABLE, Severity.WARNING)
                    .title("sshd refuses account" + (unusable.size() == 1 ? " " : "s ") + String.join(", ", unusable.keySet())
                            + " before any authentication")
                    .detail(unusable.values().stream().flatMap(List::stream).collect(Collectors.joining("\n")))
                    .evidence("accounts", String.join(",", unusable.keySet()))
                    .fix("A locked account (! in /etc/shadow) is refused even for keys when UsePAM is no: set a password "
                            + "or usermod -p '*' USER; give the account an existing shell.")
                    .build());
        }
        if (!refused.isEmpty()) {
            findings.add(Finding.of(LogFindings.USER_NOT_ALLOWED, realUser ? Severity.WARNING : Severity.INFO)
                    .title(refused.size() + " account" + (refused.size() == 1 ? "" : "s") + " refused by AllowUsers, DenyUsers, "
                            + "groups or PAM" + (realUser ? ", including accounts that log in otherwise" : ""))
                    .detail(refused.values().stream().flatMap(List::stream).limit(10).collect(Collectors.joining("\n")))
                    .evidence("accounts", refused.size())
                    .fix(realUser ? "If the refusal is unintended, add the user (or its group) to AllowUsers/AllowGroups "
                            + "(sshd -T -C user=U,host=H,addr=A shows the effective rules)." : "")
                    .build());
        }
    }

    private void simple(String id, Severity severity, Map<String, Tally> tallies, String titleFormat, String fix) {
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            Tally tally = entry.getValue();
            findings.add(Finding.of(id, severity)
                    .title(String.format(Locale.ROOT, titleFormat, entry.getKey()) + (tally.count > 1 ? " (" + tally.count + " times)" : ""))
                    .detail(tally.examples.isEmpty() ? "" : "Seen for: " + String.join(", ", tally.examples))
                    .evidence("value", entry.getKey())
                    .evidence("count", tally.count)
                    .fix(fix)
                    .build());
        }
    }

    private void counted(String id, Severity severity, Tally tally, String titleFormat, String fix) {
        if (tally.count == 0) {
            return;
        }
        findings.add(Finding.of(id, severity)
                .title(String.format(Locale.ROOT, titleFormat, tally.count, LogFindingRules.plural(tally.count)))
                .detail(tally.examples.isEmpty() ? "" : "For example from: " + String.join(", ", tally.examples))
                .evidence("count", tally.count)
                .fix(fix)
                .build());
    }
}
