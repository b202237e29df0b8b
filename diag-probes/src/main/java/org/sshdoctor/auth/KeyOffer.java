package org.sshdoctor.auth;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.local.ClientChecks;
import org.sshdoctor.local.ClientReport;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Target;

/**
 * What ssh would offer the target, worked out from local files and the agent alone: the resolved config,
 * the client checks, the identities in ssh's order and the distinct public keys among them.
 *
 * @param run the queries already started for these keys, if the diagnosis started them early
 */
record KeyOffer(ResolvedConfig config, ClientReport client, List<OfferedIdentity> order, List<PublicKey> keys,
        Optional<QueryRun> run) {
    KeyOffer {
        order = List.copyOf(order);
        keys = List.copyOf(keys);
    }

    static KeyOffer of(KeyQueryOptions options, Target target) {
        ResolvedConfig config = options.config().orElseGet(() -> ConfigResolver.resolve(
                ConfigRequest.forHost(target.name(), options.account(), options.environment())
                        .withUser(Optional.of(target.user())).withPort(OptionalInt.of(target.port()))
                        .withExec(ConfigRequest.MatchExec.NEVER)));
        ClientReport client = new ClientChecks(new ClientChecks.Options(options.account(), options.environment(), config,
                true, options.useAgent(), Instant.now(), ClientChecks.localAddresses(), Duration.ofSeconds(5))).run();
        List<OfferedIdentity> order = PublicKeyProbe.withKeyFiles(client.identities(), options.account().home().resolve(".ssh"));
        List<PublicKey> keys = new ArrayList<>();
        for (OfferedIdentity id : order) {
            if (id.position() > 0 && id.key().isPresent() && keys.stream().noneMatch(k -> PublicKeys.same(k, id.key().get()))) {
                keys.add(id.key().get());
            }
        }
        return new KeyOffer(config, client, order, keys, Optional.empty());
    }

    KeyOffer withRun(QueryRun started) {
        return new KeyOffer(config, client, order, keys, Optional.of(started));
    }
}
