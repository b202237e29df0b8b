package org.sshdoctor.auth;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.local.ClientReport;
import org.sshdoctor.local.LocalFindings;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.os.Account;
import org.sshdoctor.ssh.AuthMethods;
import org.sshdoctor.ssh.HandshakeFacts;
import org.sshdoctor.ssh.HostKeyTrust;
import org.sshdoctor.ssh.QueryClients;

/**
 * The diagnosis's public-key step, after host keys and login methods: lists the identities ssh would
 * offer (agent, IdentityFile, default files, certificates; in ssh's order, from the resolved config),
 * reports the client file problems of those identities, and, when the server offers publickey and its
 * host key is trusted (or the user asked), asks the server about each key without signing and says
 * which works and whether ssh reaches it before MaxAuthTries. Offering public keys tells the server
 * which keys the user holds, so an unverified server is not asked: an info finding says why.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PublicKeyProbe implements Probe {
    /** Client findings that concern the identities in play even without naming their files. */
    private static final Set<String> ALWAYS_RELEVANT = Set.of(LocalFindings.SSHDIR_PERMISSIONS, LocalFindings.KEY_MISSING,
            LocalFindings.AGENT_UNREACHABLE, ConfigFindings.BAD_PERMISSIONS,
            ConfigFindings.UNREADABLE, ConfigFindings.SYNTAX);

    private final KeyQueryOptions options;

    public PublicKeyProbe(KeyQueryOptions options) {
        this.options = options;
    }

    /** The account's files and agent, default config files; asks only servers known_hosts vouches for. */
    public PublicKeyProbe(Account account, Map<String, String> environment) {
        this(new KeyQueryOptions(account, environment, Optional.empty(), true, false));
    }

    @Override
    public String name() {
        return "pubkey";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, HandshakeFacts.AUTH_METHODS, HandshakeFacts.HOST_KEY_TRUST);
    }

    /** A few connections: MaxAuthTries cuts a query run into parts of (by default) 6 keys. */
    @Override
    public Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout().multipliedBy(4);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        Target target = context.target();
        AuthMethods auth = context.fact(HandshakeFacts.AUTH_METHODS);
        if (auth.noneAccepted() || !auth.methods().contains("publickey")) {
            return ProbeResult.builder().ok("publickey is not offered to " + auth.user());
        }
        // Worked out beside the handshake by the offer probe, when the plan has it; else here.
        KeyOffer offer = context.awaitFact(KeyOfferProbe.OFFER, context.deadline()).orElseGet(() -> KeyOffer.of(options, target));
        ResolvedConfig config = offer.config();
        ClientReport client = offer.client();
        List<OfferedIdentity> order = offer.order();
        List<PublicKey> keys = offer.keys();
        HostKeyTrust trust = context.fact(HandshakeFacts.HOST_KEY_TRUST);
        ProbeResult.Builder builder = ProbeResult.builder();
        if (!trust.known() && !options.queryUnknownHost() && !keys.isEmpty()) {
            builder.finding(skipped(target, trust, order));
            inPlay(client.findings(), order, false).forEach(builder::finding);
            return builder.ok("not asked: " + trust.why() + " (" + keys.size() + " key" + (keys.size() == 1 ? "" : "s")
                    + " would be offered)");
        }
        java.net.InetSocketAddress address = context.fact(NetFacts.CONNECTION).remote();
        Duration perConnection = min(context.options().phaseTimeout(), context.remaining());
        Instant deadline = Instant.now().plus(context.remaining());
        java.util.function.Function<org.apache.sshd.client.auth.UserAuthFactory, org.apache.sshd.client.SshClient> clients =
                method -> QueryClients.create(method, trust, options.queryUnknownHost());
        PublicKeyQuery.Result result = keys.isEmpty()
                ? new PublicKeyQuery.Result(List.of(), false, 0, Optional.of("ssh has no key to offer"))
                : offer.run().isPresent() ? offer.run().get().finish(address, target.user(), perConnection, deadline, clients)
                : PublicKeyQuery.ask(address, target.user(), keys, perConnection, deadline, clients);
        Finding verdict = withServerMethods(AcceptanceVerdict.verdict(order, result, target.user(), target.hostName(),
                target.port(), target.name(), configFile(config)), auth, target);
        boolean identitiesOnly = config.first("identitiesonly").map(e -> e.value().equalsIgnoreCase("yes")).orElse(false);
        AgentInDiagnosis.explain(verdict, order, result, client.findings(), target.hostName(), target.port(), identitiesOnly)
                .forEach(builder::finding);
        inPlay(client.findings(), order, true).forEach(builder::finding);
        String summary = summary(keys.size(), result, trust);
        return verdict.severity() == Severity.ERROR ? builder.failed(summary) : builder.ok(summary);
    }

    /** The probe's one line: how many keys were asked about, accepted, over how many connections and bursts. */
    private static String summary(int asked, PublicKeyQuery.Result result, HostKeyTrust trust) {
        if (asked == 0) {
            return "no key to ask about";
        }
        return plural(asked, "key") + " asked, " + result.answers().stream().filter(KeyAnswer::accepted).count()
                + " accepted, " + plural(result.connections(), "connection") + ", " + plural(result.bursts(), "burst")
                + (result.pipelined() ? "" : " (one query at a time: the server mishandled pipelined queries)")
                + (trust.known() ? "" : " (host key not verified; asked because --query-keys)");
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * "No key accepted" in ssh's own words for this server: its method list in the Permission denied line,
     * and only a warning when ssh goes on to ask for a password.
     */
    private static Finding withServerMethods(Finding verdict, AuthMethods auth, Target target) {
        if (!verdict.id().equals(AuthFindings.PUBKEY_NONE_ACCEPTED)) {
            return verdict;
        }
        boolean password = auth.methods().contains("password") || auth.methods().contains("keyboard-interactive");
        return new Finding(verdict.id(), password ? Severity.WARNING : verdict.severity(), verdict.title(),
                verdict.detail() + (password ? "\nThe server also offers password login: ssh goes on to ask for the password"
                        + " (and fails like this with BatchMode yes)." : ""),
                verdict.evidence(), Optional.of(auth.user() + "@" + target.hostName() + ": Permission denied ("
                        + String.join(",", auth.methods()) + ")."), verdict.fix(), verdict.observed());
    }

    private static Finding skipped(Target target, HostKeyTrust trust, List<OfferedIdentity> order) {
        StringBuilder list = new StringBuilder();
        for (OfferedIdentity id : order) {
            if (id.position() > 0) {
                list.append("\n#").append(id.position()).append(' ').append(id.describe());
            }
        }
        return Finding.of(AuthFindings.PUBKEY_QUERY_SKIPPED, Severity.INFO)
                .title("Your keys were not offered to " + target.hostName() + ": its host key is not verified")
                .detail(trust.why() + ". Asking which key the server accepts shows it your public keys, and an impersonator"
                        + " would learn which keys you hold, so sshdoctor asks only servers known_hosts vouches for."
                        + " ssh would offer, in this order:" + list)
                .evidence("host key", trust.why())
                .fix("Compare the host key fingerprints above with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"
                        + " on the server); then connect once with '" + sshCommand(target) + "' and answer yes, or run sshdoctor again"
                        + " with --query-keys.")
                .build();
    }

    /**
     * Agent keys that no config names, matched to a {@code .pub} in ~/.ssh holding the same key, so a fix can
     * name the file (keys added with ssh-add carry the comment ssh-keygen gave them, rarely their path).
     */
    static List<OfferedIdentity> withKeyFiles(List<OfferedIdentity> order, Path sshDir) {
        if (order.stream().noneMatch(id -> id.source() == OfferedIdentity.Source.AGENT)) {
            return order;
        }
        List<Path> pubs;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(sshDir)) {
            pubs = files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList();
        } catch (java.io.IOException | RuntimeException e) {
            return order;
        }
        List<OfferedIdentity> out = new ArrayList<>();
        for (OfferedIdentity id : order) {
            Optional<Path> match = id.source() != OfferedIdentity.Source.AGENT || id.key().isEmpty() ? Optional.empty()
                    : pubs.stream().filter(pub -> PublicKeys.loadFile(pub).filter(k -> PublicKeys.same(k, id.key().get())).isPresent())
                            .findFirst().map(pub -> {
                                Path privateKey = Path.of(pub.toString().substring(0, pub.toString().length() - 4));
                                return java.nio.file.Files.exists(privateKey) ? privateKey : pub;
                            });
            out.add(match.map(file -> new OfferedIdentity(id.position(), id.source(), id.label(), id.key(), Optional.of(file),
                    id.origin(), id.skipped())).orElse(id));
        }
        return out;
    }

    /** How the user reaches the target with ssh: the alias carries its port, a plain name needs -p. */
    private static String sshCommand(Target target) {
        boolean alias = !target.name().equalsIgnoreCase(target.hostName());
        return "ssh " + (alias || target.port() == Target.DEFAULT_PORT ? "" : "-p " + target.port() + " ") + target.name();
    }

    /**
     * The client findings about the identities in play: problems (not the OK notes) that name one of their
     * files, plus the few that concern every identity. The identity-order notes are left out once the server
     * answered, as the verdict says more.
     */
    static List<Finding> inPlay(List<Finding> findings, List<OfferedIdentity> order, boolean asked) {
        Set<String> files = new HashSet<>();
        for (OfferedIdentity id : order) {
            id.file().map(Path::toString).ifPresent(f -> {
                files.add(f);
                files.add(f + ".pub");
                files.add(f + "-cert.pub");
            });
            if (id.source() == OfferedIdentity.Source.CERTIFICATE_FILE || id.source() == OfferedIdentity.Source.FILE_CERTIFICATE) {
                files.add(id.label());
            }
        }
        return findings.stream().filter(f -> f.severity().needsAction())
                .filter(f -> ALWAYS_RELEVANT.contains(f.id())
                        || (!asked && f.id().equals(LocalFindings.IDENTITIES_BEYOND_MAX_AUTH_TRIES))
                        || f.evidence().values().stream().anyMatch(files::contains))
                .toList();
    }

    private static String configFile(ResolvedConfig config) {
        return config.request().configFile().filter(f -> !f.equalsIgnoreCase("none")).orElse("~/.ssh/config");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
