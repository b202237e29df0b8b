package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.net.NetFacts;

/**
 * Fetches the server's host key of every type it offers (the main handshake already has one; one more
 * connection per other type, at most {@value #PARALLEL} at a time, so a typical server costs three
 * connections in all) and checks them against the client's known_hosts files the way ssh would: the key
 * type ssh would negotiate decides between "known", "first connection" and "REMOTE HOST IDENTIFICATION
 * HAS CHANGED"; revoked keys and unparsable lines are reported too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HostKeyProbe implements Probe {
    /** Parallel connections per server: OpenSSH's MaxStartups starts dropping at 10. */
    static final int PARALLEL = 3;

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, HandshakeFacts.SERVER_KEXINIT, HandshakeFacts.HOST_KEY,
                HandshakeFacts.CLIENT_ALGORITHMS);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(HandshakeFacts.HOST_KEYS);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        ServerKexInit server = context.fact(HandshakeFacts.SERVER_KEXINIT);
        ServerHostKey first = context.fact(HandshakeFacts.HOST_KEY);
        ClientAlgorithms client = context.fact(HandshakeFacts.CLIENT_ALGORITHMS);
        InetSocketAddress address = context.fact(NetFacts.CONNECTION).remote();
        Map<String, ServerHostKey> keys = fetch(context, address, server, first);

        String host = client.hostKeyAlias().orElse(context.target().hostName());
        // ssh looks a HostKeyAlias up as it is, without the [host]:port form (sshconnect.c).
        int port = client.hostKeyAlias().isPresent() ? 22 : context.target().port();
        KnownHosts knownHosts = KnownHosts.read(client.knownHostsFiles());
        List<KnownHosts.Entry> entries = knownHosts.forHost(host, port);
        List<String> preference = orderLikeSsh(client.preferred(AlgorithmKind.HOST_KEY), entries);
        Optional<String> used = Negotiation.firstCommon(preference, server.algorithms(KexList.HOST_KEY));
        // For a certificate algorithm ssh checks the certified key against known_hosts when no
        // @cert-authority line vouches for the certificate, so the plain key of that type decides.
        Optional<ServerHostKey> usedKey = used.map(HostKeyProbe::plainKeyType).map(keys::get);

        HostKeyVerdicts verdicts = new HostKeyVerdicts(host, port, client, knownHosts);
        ProbeResult.Builder result = ProbeResult.builder().fact(HandshakeFacts.HOST_KEYS, new HostKeys(List.copyOf(keys.values())));
        verdicts.judge(keys, entries, used, usedKey).forEach(result::finding);
        return result.ok(keys.size() + " host key(s): " + keys.values().stream()
                .map(k -> k.keyType() + " " + k.sha256()).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** One key per type the server offers: the main handshake's, plus one connection per other type. */
    private static Map<String, ServerHostKey> fetch(ProbeContext context, InetSocketAddress address, ServerKexInit server,
            ServerHostKey first) throws InterruptedException {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String algorithm : server.algorithms(KexList.HOST_KEY)) {
            String type = keyType(algorithm);
            if (!type.isEmpty()) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(algorithm);
            }
        }
        Map<String, ServerHostKey> keys = new LinkedHashMap<>();
        keys.put(first.keyType(), first);
        byType.remove(first.keyType());
        first.certificate().ifPresent(certificate -> {
            // A certificate carries the certified key: no connection is needed for that type.
            ServerHostKey plain = new ServerHostKey(plainKeyType(first.algorithm()), certificate.getCertPubKey());
            keys.put(plain.keyType(), plain);
            byType.remove(plain.keyType());
        });
        if (byType.isEmpty()) {
            return keys;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, byType.size()), runnable -> {
            Thread thread = new Thread(runnable, "sshdoctor-hostkey");
            thread.setDaemon(true);
            return thread;
        });
        try (ProbeSshClient client = ProbeSshClient.start()) {
            Map<String, CompletableFuture<Handshake>> scans = new LinkedHashMap<>();
            byType.forEach((type, algorithms) -> scans.put(type, CompletableFuture.supplyAsync(() -> client.handshake(
                    address, context.target().user(), algorithms, Handshake.Stage.KEX,
                    context.options().phaseTimeout(), context.deadline()), pool)));
            for (Map.Entry<String, CompletableFuture<Handshake>> scan : scans.entrySet()) {
                try {
                    scan.getValue().get().hostKey().ifPresent(key -> keys.put(scan.getKey(), key));
                } catch (java.util.concurrent.ExecutionException e) {
                    // handshake() reports failures in its result; nothing is thrown for the server's doing
                }
            }
        } finally {
            pool.shutdownNow();
        }
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
