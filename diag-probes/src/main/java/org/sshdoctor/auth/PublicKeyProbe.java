package org.sshdoctor.auth;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.local.IdentityOrder;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.net.OpenConnection;
import org.sshdoctor.os.Account;
import org.sshdoctor.ssh.SshFacts;

/**
 * For the diagnosis: which of the keys ssh would offer (ssh_config, agent, files; in ssh's order) the
 * server accepts for the user, asked without signing, and whether ssh reaches that key before
 * MaxAuthTries. Not in the standard plan: it shows the server the user's public keys, as ssh itself
 * does, so the caller adds it ({@code Doctor.withProbes}) once the host key is trusted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PublicKeyProbe implements Probe {
    private final Account account;
    private final Map<String, String> environment;

    /**
     * @param account whose ~/.ssh/config and key files to use
     * @param environment SSH_AUTH_SOCK and the variables of ${VAR} expansion
     */
    public PublicKeyProbe(Account account, Map<String, String> environment) {
        this.account = account;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "pubkey";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, SshFacts.IDENTIFICATION);
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of();
    }

    @Override
    public Duration budget(DiagnosisOptions options) {
        return options.phaseTimeout().multipliedBy(3);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Target target = context.target();
        OpenConnection connection = context.fact(NetFacts.CONNECTION);
        ResolvedConfig config = ConfigResolver.resolve(ConfigRequest.forHost(target.name(), account, environment)
                .withUser(Optional.of(target.user())).withPort(OptionalInt.of(target.port()))
                .withExec(ConfigRequest.MatchExec.NEVER));
        List<OfferedIdentity> order = IdentityOrder.forConnection(config, environment, Duration.ofSeconds(5));
        List<PublicKey> keys = new ArrayList<>();
        for (OfferedIdentity id : order) {
            if (id.position() > 0 && id.key().isPresent() && keys.stream().noneMatch(k -> PublicKeys.same(k, id.key().get()))) {
                keys.add(id.key().get());
            }
        }
        PublicKeyQuery.Result result = PublicKeyQuery.ask(connection.remote(), target.user(), keys, context.remaining());
        Finding verdict = AcceptanceVerdict.verdict(order, result, target.user(), target.hostName(), target.port());
        ProbeResult.Builder builder = ProbeResult.builder().finding(verdict);
        String summary = keys.size() + " key" + (keys.size() == 1 ? "" : "s") + " asked, "
                + result.answers().stream().filter(KeyAnswer::accepted).count() + " accepted";
        return verdict.severity() == Severity.ERROR ? builder.failed(summary) : builder.ok(summary);
    }
}
