package org.sshdoctor.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.ssh.HandshakeFacts;
import org.sshdoctor.ssh.HostKeyTrust;
import org.sshdoctor.ssh.QueryClients;

/**
 * The first half of the public-key step, run beside the handshake instead of after it: works out the keys ssh
 * would offer (local files and the agent only) and starts their queries so that they cost no round trip of
 * their own: the main session carries the first MaxAuthTries − 1 right behind its {@code none} request (this
 * probe is its {@link org.sshdoctor.ssh.SessionRider}), and, when there are more and known_hosts has a line
 * for the host, one more connection opened now (asking for a host key of a type known_hosts holds) carries
 * the rest. No key is sent before the host key check
 * vouches for the server that presented it, by the rule of {@link PublicKeyProbe}; the probe ends with that
 * verdict. It reports nothing: {@link PublicKeyProbe} judges the answers.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KeyOfferProbe implements Probe {
    /** The keys and the queries started for them, for {@link PublicKeyProbe}. */
    static final Fact<KeyOffer> OFFER = Fact.of("key offer", KeyOffer.class);

    private static final System.Logger LOG = System.getLogger(KeyOfferProbe.class.getName());

    private final KeyQueryOptions options;

    public KeyOfferProbe(KeyQueryOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "offer";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(OFFER, HandshakeFacts.SESSION_RIDER);
    }

    /** It waits for the host key check, which may wait for every host key type's connection. */
    @Override
    public Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout().multipliedBy(4);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        Target target = context.target();
        long start = System.nanoTime();
        KeyOffer offer = KeyOffer.of(options, target);
        LOG.log(System.Logger.Level.DEBUG, "offer: {0} keys worked out in {1} ms", offer.keys().size(),
                (System.nanoTime() - start) / 1_000_000);
        ProbeResult.Builder result = ProbeResult.builder();
        if (offer.keys().isEmpty()) {
            return result.fact(OFFER, offer).ok("ssh has no key to offer");
        }
        QueryRun run = new QueryRun(offer.keys(), options.queryUnknownHost(), context.options().phaseTimeout());
        context.closeAtEnd(run);
        // The second lane asks for a host key of a type known_hosts holds, so the check can vouch for it.
        Optional<Set<String>> knownTypes = knownHostKeyTypes(offer.config(), target);
        boolean second = run.needsSecondLane() && (options.queryUnknownHost() || knownTypes.isPresent());
        if (second) { // before the main session can board, so its lane knows to keep to its share
            Set<String> types = knownTypes.orElse(Set.of());
            run.startSecondLane(context.fact(NetFacts.CONNECTION).remote(), target.user(),
                    (method, accept) -> QueryClients.create(method, types, accept));
        }
        context.publish(OFFER, offer.withRun(run));
        context.publish(HandshakeFacts.SESSION_RIDER, run);
        Optional<HostKeyTrust> trust = context.awaitFact(HandshakeFacts.HOST_KEY_TRUST, context.deadline());
        run.trustDecided(trust);
        int keys = offer.keys().size();
        return result.ok(keys + " key" + (keys == 1 ? "" : "s") + " ssh would offer, asked behind the main session's none request"
                + (second ? " and on one more connection" : "") + trust.map(t -> t.known() || options.queryUnknownHost() ? ""
                        : " (not sent: " + t.why() + ")").orElse(" (not sent: no host key check)"));
    }

    /** The key types known_hosts (as the config names it, or ssh's default files) holds for the host, or its HostKeyAlias. */
    private static Optional<Set<String>> knownHostKeyTypes(ResolvedConfig config, Target target) {
        List<Path> files = new ArrayList<>();
        for (String keyword : List.of("userknownhostsfile", "globalknownhostsfile")) {
            List<String> names = config.first(keyword).map(ConfigEntry::args).orElse(keyword.startsWith("user")
                    ? List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2")
                    : List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"));
            for (String name : names) {
                try {
                    files.add(Path.of(config.expandPath(name)));
                } catch (IllegalArgumentException e) {
                    // a token ssh would reject: that file cannot vouch for anything
                }
            }
        }
        Optional<String> alias = config.first("hostkeyalias").map(ConfigEntry::value);
        return QueryClients.knownHostKeyTypes(files, alias.orElse(target.hostName()), alias.isPresent() ? 22 : target.port());
    }
}
