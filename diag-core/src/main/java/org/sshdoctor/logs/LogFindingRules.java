package org.sshdoctor.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Turns the analysis into findings about attacks: brute force, distributed guessing, attacks through a
 * tunnel, none-method probes, scans (sshdoctor's own included). Problems with the server itself are
 * {@link ProblemFindingRules}'. Attacks are warnings only while they can succeed (password attempts were
 * seen); against a server that takes only keys they are information.
 */
final class LogFindingRules {
    static final int BRUTE_FORCE_ATTEMPTS = 10;
    static final int DISTRIBUTED_SOURCES = 20;

    private final Observations observations;
    private final List<SourceSummary> sources;
    private final List<CredentialStory> stories;
    private final SourceTracker tracker;
    private final long unrecognised;
    private final List<LogLine> unrecognisedSamples;

    LogFindingRules(Observations observations, List<SourceSummary> sources, List<CredentialStory> stories,
            SourceTracker tracker, long unrecognised, List<LogLine> unrecognisedSamples) {
        this.observations = observations;
        this.sources = sources;
        this.stories = stories;
        this.tracker = tracker;
        this.unrecognised = unrecognised;
        this.unrecognisedSamples = unrecognisedSamples;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        bruteForce(findings);
        distributed(findings);
        scans(findings);
        findings.addAll(new ProblemFindingRules(observations, stories, tracker).findings());
        if (unrecognised > 0) {
            findings.add(Finding.of(LogFindings.UNRECOGNISED_LINES, Severity.INFO)
                    .title(unrecognised + " SSH log line" + plural(unrecognised) + " not recognised")
                    .detail("First: " + unrecognisedSamples.get(0).message())
                    .evidence("lines", unrecognised)
                    .fix("Nothing to fix; please report the lines so sshdoctor learns them.")
                    .build());
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return findings;
    }

    private void bruteForce(List<Finding> findings) {
        List<SourceSummary> heavy = sources.stream().filter(s -> s.attempts() >= BRUTE_FORCE_ATTEMPTS).toList();
        List<SourceSummary> remote = heavy.stream().filter(s -> !Addresses.isLoopback(s.address())).toList();
        List<SourceSummary> loopback = sources.stream().filter(s -> Addresses.isLoopback(s.address()) && s.attempts() >= 3).toList();
        if (!remote.isEmpty()) {
            List<SourceSummary> succeeded = remote.stream().filter(s -> s.accepted() > 0).toList();
            boolean passwords = remote.stream().anyMatch(s -> s.passwordAttempts() > 0);
            Severity severity = !succeeded.isEmpty() ? Severity.ERROR : passwords ? Severity.WARNING : Severity.INFO;
            String title = !succeeded.isEmpty()
                    ? "An address that guessed passwords also logged in: " + succeeded.get(0).address()
                    : "Password guessing from " + remote.size() + " address" + (remote.size() == 1 ? "" : "es")
                            + " (top " + remote.get(0).address() + ", " + remote.get(0).attempts() + " attempts)";
            findings.add(Finding.of(LogFindings.BRUTE_FORCE, severity).title(title)
                    .detail(describe(remote) + (passwords ? "" : "\nNo password was tried: the server seems to accept keys only, so these attempts cannot succeed."))
                    .evidence("sources", remote.size())
                    .evidence("attempts", remote.stream().mapToLong(SourceSummary::attempts).sum())
                    .evidence("top", remote.get(0).address())
                    .fix(passwords
                            ? "Block the addresses (fail2ban, sshguard, CrowdSec or a firewall rate limit), and prefer keys: PasswordAuthentication no."
                            : "Nothing urgent; a firewall rate limit or fail2ban keeps the log readable.")
                    .build());
        }
        if (!loopback.isEmpty()) {
            findings.add(Finding.of(LogFindings.ATTACKS_VIA_LOOPBACK, Severity.WARNING)
                    .title("Password guessing arrives from the loopback address " + loopback.get(0).address())
                    .detail(describe(loopback) + "\nAttacks from 127.0.0.1 or ::1 come through a reverse tunnel or a local proxy: "
                            + "fail2ban and sshguard cannot block the real sources.")
                    .evidence("sources", loopback.size())
                    .fix("Bind the tunnel to its own loopback alias (ssh -R 2022:127.2.2.1:22 ...), or keep the forwarded port "
                            + "closed to the outside (GatewayPorts no, no -g).")
                    .build());
        }
    }

    private void distributed(List<Finding> findings) {
        List<SourceSummary> light = sources.stream()
                .filter(s -> s.attempts() > 0 && s.attempts() < BRUTE_FORCE_ATTEMPTS && s.accepted() == 0)
                .toList();
        if (light.size() < DISTRIBUTED_SOURCES) {
            return;
        }
        Map<String, Long> users = light.stream().flatMap(s -> s.usersTried().stream())
                .collect(Collectors.groupingBy(u -> u, LinkedHashMap::new, Collectors.counting()));
        String common = users.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        long attempts = light.stream().mapToLong(SourceSummary::attempts).sum();
        boolean passwords = light.stream().anyMatch(s -> s.passwordAttempts() > 0);
        findings.add(Finding.of(LogFindings.DISTRIBUTED_ATTACK, passwords ? Severity.WARNING : Severity.INFO)
                .title("Distributed guessing: " + light.size() + " addresses with fewer than " + BRUTE_FORCE_ATTEMPTS
                        + " attempts each")
                .detail(attempts + " attempts in all; the users most tried: " + common
                        + "\nEach address stays under per-address limits, so fail2ban-style blocking catches little.")
                .evidence("sources", light.size())
                .evidence("attempts", attempts)
                .fix(passwords ? "Take passwords out of the game (PasswordAuthentication no, or AuthenticationMethods "
                        + "publickey), and report the net blocks with exact times and addresses." : "")
                .build());
    }

    private void scans(List<Finding> findings) {
        long none = sources.stream().mapToLong(SourceSummary::noneProbes).sum();
        if (none > 0) {
            findings.add(Finding.of(LogFindings.NONE_PROBES, Severity.INFO)
                    .title(none + " probe" + plural(none) + " with the none method for invalid users")
                    .detail("\"Failed none for invalid user ...\" is a bot asking which methods the server offers; "
                            + "it can only get in where PermitEmptyPasswords is yes.")
                    .evidence("attempts", none)
                    .build());
        }
        List<SourceSummary> scanners = sources.stream().filter(s -> s.probes() > 0 && s.attempts() == 0 && s.accepted() == 0).toList();
        if (!scanners.isEmpty()) {
            findings.add(Finding.of(LogFindings.SCANS, Severity.INFO)
                    .title(scanners.size() + " address" + (scanners.size() == 1 ? "" : "es") + " only scanned the server (no login attempt)")
                    .detail("Banner grabs, key-exchange probes and dropped connections (ssh-audit, nmap, ssh-keyscan, "
                            + "masscan leave these): " + scanners.stream().limit(5)
                            .map(s -> s.address() + " (" + s.probes() + ")").collect(Collectors.joining(", ")))
                    .evidence("sources", scanners.size())
                    .build());
        }
        if (observations.ownProbes.count > 0) {
            findings.add(Finding.of(LogFindings.OWN_PROBES, Severity.INFO)
                    .title("sshdoctor's own probes (" + observations.ownProbes.count + ") from "
                            + String.join(", ", observations.ownProbes.examples))
                    .detail("Connections identifying as SSH-2.0-sshdoctor_* are diagnostics, not attacks.")
                    .evidence("connections", observations.ownProbes.count)
                    .build());
        }
    }

    private static String describe(List<SourceSummary> list) {
        StringBuilder text = new StringBuilder();
        for (SourceSummary s : list.stream().limit(5).toList()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(s.address()).append(": ").append(s.attempts()).append(" attempts on ")
                    .append(s.distinctUsers() > 10 ? "more than 10" : String.valueOf(s.distinctUsers()))
                    .append(" user").append(s.distinctUsers() == 1 ? "" : "s").append(" (")
                    .append(String.join(", ", s.usersTried().stream().limit(5).toList())).append(')');
            if (s.first().isPresent() && s.last().isPresent()) {
                text.append(" over ").append(span(Duration.between(s.first().get(), s.last().get())));
            }
            if (s.accepted() > 0) {
                text.append(", then logged in ").append(s.accepted()).append(" time").append(s.accepted() == 1 ? "" : "s");
            }
        }
        if (list.size() > 5) {
            text.append("\n... and ").append(list.size() - 5).append(" more");
        }
        return text.toString();
    }

    static String span(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        if (s < 172_800) {
            return (s / 3600) + " h";
        }
        return (s / 86_400) + " days";
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
