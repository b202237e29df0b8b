package org.sshdoctor.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.sshdoctor.kb.Article;
import org.sshdoctor.kb.KnowledgeBase;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.ssh.HandshakeFindings;
import org.sshdoctor.ssh.PeerFindings;
import org.sshdoctor.ssh.ServerHostKey;

/**
 * What a fleet scan found, across hosts: how many hosts are fine, have problems or cannot be reached,
 * which findings are most common, and what no single-host check can see: the same host key on several
 * servers, hosts whose keys changed against known_hosts, and servers some client releases reach only
 * through legacy algorithms. Thread-safe: hosts may be added from several threads; every list comes out
 * in the order of the scan's targets, whatever order the diagnoses finished in.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetSummary {
    /** How one host came out. */
    public enum Outcome {
        /** Nothing at warning or error level. */
        OK,
        /** Reached, with warnings or errors. */
        PROBLEMS,
        /** Name, connection or greeting failed: nothing past it could be checked. */
        UNREACHABLE,
        /**
         * The server refused some of the scan's connections (MaxStartups, PerSourcePenalties): busy, not
         * broken. Either that stopped the diagnosis, or a retry got through and nothing else was wrong.
         */
        THROTTLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One finding id and the hosts it was found on. */
    public record Common(String id, String title, Set<String> hosts) {}

    /**
     * Host keys presented by the same several servers (distinct addresses or ports): usually one
     * cloned image with all its key types.
     *
     * @param hosts the targets, one per server, in scan order
     * @param keys the keys they share, by key type ({@code ED25519}, {@code RSA}…)
     */
    public record SharedKey(List<String> hosts, List<Key> keys) {
        public SharedKey {
            hosts = List.copyOf(hosts);
            keys = List.copyOf(keys);
        }
    }

    /** A host key: its type as ssh names it in messages, and its SHA256 fingerprint. */
    public record Key(String keyType, String fingerprint) {}

    /** A host whose key differs from its known_hosts entry ({@code SSH-HOSTKEY-CHANGED}). */
    public record ChangedKey(String host, String knownHosts, String oldFingerprint, String newFingerprint, String title) {}

    /** A server some client release reaches only through legacy algorithms, or not by default. */
    public record LegacyServer(String host, List<ClientCompatibility.Client> clients) {
        public LegacyServer {
            clients = List.copyOf(clients);
        }

        /** How the releases fare, one clause per group: "OpenSSH 7.4 only with ssh-rsa; OpenSSH 8.8, 9.2 not by default (…)". */
        public String summary() {
            return FleetVerdicts.describe(clients);
        }
    }

    private static final List<String> REACHABILITY = List.of("dns", "tcp", "banner");

    private final Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
    private final Map<String, Common> byId = new LinkedHashMap<>();
    /** fingerprint → server (address:port) → (scan order, target, key type). */
    private final Map<String, Map<String, Seen>> keys = new LinkedHashMap<>();
    private final TreeMap<Integer, ChangedKey> changed = new TreeMap<>();
    private final TreeMap<Integer, LegacyServer> legacy = new TreeMap<>();
    private int unordered = Integer.MAX_VALUE / 2;

    private record Seen(int order, String host, String keyType) {}

    public FleetSummary() {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0);
        }
    }

    /** Classifies one report. */
    public static Outcome outcomeOf(Report report) {
        List<Finding> throttled = report.findings(PeerFindings.THROTTLED);
        // Throttled when that stopped the diagnosis, or is all it found; a complete diagnosis with other
        // problems counts as problems (the throttling warning is among them).
        boolean incomplete = throttled.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        boolean onlyThrottled = report.findings().stream()
                .allMatch(f -> !f.severity().needsAction() || f.id().equals(PeerFindings.THROTTLED));
        if (!throttled.isEmpty() && (incomplete || onlyThrottled)) {
            return Outcome.THROTTLED;
        }
        boolean unreachable = report.probes().stream()
                .anyMatch(p -> REACHABILITY.contains(p.name()) && p.status() != ProbeStatus.OK);
        if (unreachable) {
            return Outcome.UNREACHABLE;
        }
        return report.needsAction() ? Outcome.PROBLEMS : Outcome.OK;
    }

    /** Adds a report without facts (no host-key or algorithm views for it). */
    public synchronized void add(Report report) {
        add(unordered++, report, HostFacts.none());
    }

    /** Adds one scanned host. */
    public void add(FleetScan.ScannedHost host) {
        add(host.index(), host.report(), host.facts());
    }

    private synchronized void add(int order, Report report, HostFacts facts) {
        outcomes.merge(outcomeOf(report), 1, Integer::sum);
        String host = report.target().endpoint();
        for (Finding finding : report.findings()) {
            if (finding.severity().needsAction()) {
                byId.computeIfAbsent(finding.id(), id -> new Common(id, generalTitle(finding), new LinkedHashSet<>()))
                        .hosts().add(host);
            }
        }
        String server = facts.address().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse(host);
        for (ServerHostKey key : facts.hostKeys()) {
            if (key.certificate().isEmpty()) {
                keys.computeIfAbsent(key.sha256(), f -> new LinkedHashMap<>())
                        .merge(server, new Seen(order, host, key.displayType()), (a, b) -> a.order() <= b.order() ? a : b);
            }
        }
        report.findings(HandshakeFindings.HOSTKEY_CHANGED).stream().findFirst().ifPresent(f -> changed.put(order,
                new ChangedKey(host, evidence(f, "known_hosts"), evidence(f, "old fingerprint"),
                        evidence(f, "new fingerprint"), f.title())));
        facts.kexInit().map(ClientCompatibility::of).filter(ClientCompatibility::needsLegacy)
                .ifPresent(clients -> legacy.put(order, new LegacyServer(host, clients)));
    }

    private static String evidence(Finding finding, String key) {
        Object value = finding.evidence().get(key);
        return value == null ? "" : value.toString();
    }

    /** The article's title, which fits every host; a finding's own title names one host's values. */
    private static String generalTitle(Finding finding) {
        return KnowledgeBase.builtIn().article(finding.id()).map(Article::title).orElse(finding.title());
    }

    public synchronized Map<Outcome, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    public synchronized int count(Outcome outcome) {
        return outcomes.get(outcome);
    }

    /** Finding ids by the number of hosts they were found on, most common first. */
    public synchronized List<Common> mostCommon(int limit) {
        List<Common> list = new ArrayList<>();
        for (Common common : byId.values()) {
            list.add(new Common(common.id(), common.title(), Set.copyOf(common.hosts())));
        }
        list.sort(Comparator.comparingInt((Common c) -> c.hosts().size()).reversed().thenComparing(Common::id));
        return list.subList(0, Math.min(limit, list.size()));
    }

    /**
     * Host keys presented by more than one server, grouped by the set of servers that share them, the
     * largest group first.
     */
    public synchronized List<SharedKey> sharedHostKeys() {
        Map<List<String>, List<Key>> groups = new LinkedHashMap<>();
        Map<List<String>, Integer> firstOrder = new LinkedHashMap<>();
        keys.forEach((fingerprint, servers) -> {
            if (servers.size() > 1) {
                List<Seen> seen = servers.values().stream().sorted(Comparator.comparingInt(Seen::order)).toList();
                List<String> hosts = seen.stream().map(Seen::host).toList();
                groups.computeIfAbsent(hosts, h -> new ArrayList<>()).add(new Key(seen.get(0).keyType(), fingerprint));
                firstOrder.putIfAbsent(hosts, seen.get(0).order());
            }
        });
        List<SharedKey> shared = new ArrayList<>();
        groups.forEach((hosts, list) -> shared.add(new SharedKey(hosts,
                list.stream().sorted(Comparator.comparing(Key::keyType)).toList())));
        shared.sort(Comparator.comparingInt((SharedKey k) -> k.hosts().size()).reversed()
                .thenComparing(k -> firstOrder.get(k.hosts())));
        return List.copyOf(shared);
    }

    /** Hosts whose key differs from known_hosts, in scan order. */
    public synchronized List<ChangedKey> changedHostKeys() {
        return List.copyOf(changed.values());
    }

    /** Servers some client release needs a legacy algorithm for, in scan order. */
    public synchronized List<LegacyServer> legacyServers() {
        return List.copyOf(legacy.values());
    }

    /** The fleet-level findings (ids in {@link FleetFindings}), each with its knowledge-base article. */
    public List<Finding> findings() {
        return FleetVerdicts.findings(sharedHostKeys(), changedHostKeys(), legacyServers());
    }
}
