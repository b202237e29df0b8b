package org.sshdoctor.auth;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.os.Account;

/**
 * Choices for the public-key step of the diagnosis.
 *
 * @param account whose ~/.ssh (config, default keys) to use
 * @param environment SSH_AUTH_SOCK and the variables of {@code ${VAR}} expansion
 * @param config the configuration resolved for the target (with -F, -o, -i), as the caller made the target
 *     from it; empty to resolve the default files for the target's name
 * @param useAgent false to leave the agent alone (--no-agent)
 * @param queryUnknownHost true to ask even a server whose host key known_hosts does not vouch for (--query-keys)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KeyQueryOptions(Account account, Map<String, String> environment, Optional<ResolvedConfig> config,
        boolean useAgent, boolean queryUnknownHost) {
    public KeyQueryOptions {
        requireNonNull(account, "account");
        environment = Map.copyOf(environment);
        requireNonNull(config, "config");
    }

    /** The current account and environment, its agent, default config files, trusted hosts only. */
    public static KeyQueryOptions currentUser(Map<String, String> environment) {
        return new KeyQueryOptions(Account.current(), environment, Optional.empty(), true, false);
    }

    public KeyQueryOptions withConfig(ResolvedConfig resolved) {
        return new KeyQueryOptions(account, environment, Optional.of(resolved), useAgent, queryUnknownHost);
    }

    public KeyQueryOptions withAgent(boolean on) {
        return new KeyQueryOptions(account, environment, config, on, queryUnknownHost);
    }

    public KeyQueryOptions withQueryUnknownHost(boolean on) {
        return new KeyQueryOptions(account, environment, config, useAgent, on);
    }
}
