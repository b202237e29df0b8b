package org.sshdoctor.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apiguardian.api.API;
import org.sshdoctor.model.Severity;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;

/**
 * Collects the server's host key of every type it offers (the main handshake's, and those the
 * {@link HostKeyScan} fetched beside it: one connection per other type, so a typical server with three
 * key types costs three connections in all) and checks them against the client's known_hosts files the way ssh would: the key
 * type ssh would negotiate decides between "known", "first connection" and "REMOTE HOST IDENTIFICATION
 * HAS CHANGED"; revoked keys and unparsable lines are reported too. When the main handshake's key is the
 * one ssh would check and known_hosts vouches for it, {@link HandshakeFacts#HOST_KEY_TRUST} is published at
 * once, before the other types' fetches end, so the public-key step need not wait for them; every other
 * verdict waits for all the keys (it names them).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostKeyProbe implements Probe {
    @Override
    public String name() {
        return "keys";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(HandshakeFacts.SERVER_KEXINIT, HandshakeFacts.HOST_KEY, HandshakeFacts.CLIENT_ALGORITHMS,
                HostKeyScan.FACT);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(HandshakeFacts.HOST_KEYS, HandshakeFacts.HOST_KEY_TRUST);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        ServerKexInit server = context.fact(HandshakeFacts.SERVER_KEXINIT);
        ServerHostKey first = context.fact(HandshakeFacts.HOST_KEY);
        ClientAlgorithms client = context.fact(HandshakeFacts.CLIENT_ALGORITHMS);
        HostKeyScan scan = context.fact(HostKeyScan.FACT);

        String host = client.hostKeyAlias().orElse(context.target().hostName());
        // ssh looks a HostKeyAlias up as it is, without the [host]:port form (sshconnect.c).
        int port = client.hostKeyAlias().isPresent() ? 22 : context.target().port();
        KnownHosts knownHosts = KnownHosts.read(client.knownHostsFiles());
        List<KnownHosts.Entry> entries = knownHosts.forHost(host, port);
        List<String> preference = orderLikeSsh(client.preferred(AlgorithmKind.HOST_KEY), entries);
        Optional<String> used = Negotiation.firstCommon(preference, server.algorithms(KexList.HOST_KEY));
        // When the main session's key is the one ssh would use (or its certificate is signed by a
        // @cert-authority), known_hosts vouches for the server already: say so now, so the public-key step
        // does not wait for the other key types. Any other verdict waits for every key, as it names them all.
        Map<String, ServerHostKey> mainOnly = collect(first, Map.of());
        HostKeyTrust early = trust(mainOnly, entries, used.map(HostKeyProbe::plainKeyType).map(mainOnly::get), first, host, port);
        if (early.known()) {
            context.publish(HandshakeFacts.HOST_KEY_TRUST, early);
        }
        Map<String, ServerHostKey> keys = collect(first, scan.await(context.deadline()));
        // For a certificate algorithm ssh checks the certified key against known_hosts when no
        // @cert-authority line vouches for the certificate, so the plain key of that type decides.
        Optional<ServerHostKey> usedKey = used.map(HostKeyProbe::plainKeyType).map(keys::get);

        HostKeyVerdicts verdicts = new HostKeyVerdicts(host, port, client, knownHosts);
        ProbeResult.Builder result = ProbeResult.builder().fact(HandshakeFacts.HOST_KEYS, new HostKeys(List.copyOf(keys.values())));
        verdicts.judge(keys, entries, used, usedKey).forEach(result::finding);
        if (scan.refused() > 0) { // MaxStartups or PerSourcePenalties: busy, not broken (KexFailureVerdicts)
            context.optionalFact(NetFacts.CONNECTION).ifPresent(connection -> result.finding(
                    new KexFailureVerdicts(context.target(), connection.remote()).throttled(scan.refused(),
                            scan.connections() + 1, Severity.WARNING, "while fetching the other host key types",
                            "The main session got through; host key types whose connection was refused are missing"
                                    + " from this report.")));
        }
        result.fact(HandshakeFacts.HOST_KEY_TRUST, trust(keys, entries, usedKey, first, host, port)); // unless published early
        return result.ok(keys.size() + " host key(s): " + keys.values().stream()
                .map(k -> k.keyType() + " " + client.fingerprint(k)).collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * known_hosts vouches for the server when the key ssh would use is on a plain line for the host (and on
     * no revoked line), or when the main handshake's host certificate is signed by a @cert-authority key.
     */
    private static HostKeyTrust trust(Map<String, ServerHostKey> keys, List<KnownHosts.Entry> entries,
            Optional<ServerHostKey> usedKey, ServerHostKey first, String host, int port) {
        List<java.security.PublicKey> seen = keys.values().stream().map(ServerHostKey::plainKey).toList();
        String name = port == 22 ? host : "[" + host + "]:" + port;
        java.util.function.Predicate<java.security.PublicKey> listed = key -> entries.stream().anyMatch(e -> e.marker().isEmpty()
                && e.key().filter(k -> KeyUtils.compareKeys(k, key)).isPresent());
        java.util.function.Predicate<java.security.PublicKey> revoked = key -> entries.stream().anyMatch(e -> e.marker()
                .filter("revoked"::equals).isPresent() && e.key().filter(k -> KeyUtils.compareKeys(k, key)).isPresent());
        List<java.security.PublicKey> trusted = new ArrayList<>(seen.stream().filter(listed.and(revoked.negate())).toList());
        boolean known = usedKey.map(ServerHostKey::plainKey).filter(listed.and(revoked.negate())).isPresent();
        if (first.certificate().isPresent()) {
            OpenSshCertificate certificate = first.certificate().get();
            boolean signedByCa = entries.stream().anyMatch(e -> e.marker().filter("cert-authority"::equals).isPresent()
                    && e.key().filter(k -> KeyUtils.compareKeys(k, certificate.getCaPubKey())).isPresent());
            if (signedByCa && !revoked.test(certificate.getCertPubKey())) {
                trusted.add(certificate.getCertPubKey());
                known = true;
            }
        }
        String why = known ? "known_hosts has the host key of " + name
                : entries.isEmpty() ? "known_hosts has no key for " + name
                : "the host key of " + name + " does not match known_hosts";
        return new HostKeyTrust(known, known ? trusted : List.of(), seen, why);
    }

    /** One key per type the server offers: the main handshake's (and its certificate's), then the scan's. */
    private static Map<String, ServerHostKey> collect(ServerHostKey first, Map<String, ServerHostKey> scanned) {
        Map<String, ServerHostKey> keys = new LinkedHashMap<>();
        keys.put(first.keyType(), first);
        first.certificate().ifPresent(certificate -> {
            // A certificate carries the certified key: no connection is needed for that type.
            ServerHostKey plain = new ServerHostKey(plainKeyType(first.algorithm()), certificate.getCertPubKey());
            keys.put(plain.keyType(), plain);
        });
        scanned.forEach(keys::putIfAbsent);
        return keys;
    }

    /**
     * The key type of a host key algorithm, as known_hosts writes it ({@code rsa-sha2-512} is an
     * {@code ssh-rsa} key); empty for certificates and security-key types, which are not scanned.
     */
    static String keyType(String algorithm) {
        if (algorithm.contains("-cert-") || algorithm.startsWith("sk-") || algorithm.startsWith("webauthn-")) {
            return "";
        }
        if (algorithm.equals("rsa-sha2-256") || algorithm.equals("rsa-sha2-512")) {
            return "ssh-rsa";
        }
        return algorithm;
    }

    /** The key type a host key algorithm uses, certificates included: {@code ssh-ed25519-cert-v01@openssh.com} is ssh-ed25519. */
    static String plainKeyType(String algorithm) {
        String plain = algorithm.replace("-cert-v01@openssh.com", "");
        return plain.startsWith("sk-") || plain.startsWith("webauthn-") ? "" : keyType(plain);
    }

    /**
     * ssh puts first the algorithms known_hosts can verify for this host (order_hostkeyalgs): plain
     * algorithms of the key types it holds, and certificate algorithms when a @cert-authority line applies.
     */
    static List<String> orderLikeSsh(List<String> preference, List<KnownHosts.Entry> entries) {
        Set<String> known = new java.util.HashSet<>();
        entries.stream().filter(e -> e.marker().isEmpty()).forEach(e -> known.add(e.keyType()));
        boolean ca = entries.stream().anyMatch(e -> e.marker().filter("cert-authority"::equals).isPresent());
        java.util.function.Predicate<String> verifiable = a -> a.contains("-cert-") ? ca : known.contains(keyType(a));
        List<String> ordered = new ArrayList<>(preference.stream().filter(verifiable).toList());
        preference.stream().filter(verifiable.negate()).forEach(ordered::add);
        return ordered;
    }
}
