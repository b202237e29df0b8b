package org.sshdoctor.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ResolvedConfig;

/**
 * The agent socket ssh would use ({@code ssh.c}, after loading identities): IdentityAgent {@code none}
 * disables the agent, {@code SSH_AUTH_SOCK} keeps the environment's, {@code $NAME} takes another variable,
 * anything else is a path with {@code ~}, tokens and {@code ${VAR}} expanded; unset means SSH_AUTH_SOCK.
 *
 * @param path the socket, empty when no agent is used
 * @param why how it was chosen, for the findings
 */
record AgentSocket(Optional<Path> path, String why) {

    static AgentSocket of(ResolvedConfig config, Map<String, String> environment) {
        Optional<ConfigEntry> configured = config.identityAgent();
        if (configured.isEmpty() || configured.get().value().equals("SSH_AUTH_SOCK")) {
            Optional<Path> socket = variable(environment, "SSH_AUTH_SOCK");
            return new AgentSocket(socket, socket.isPresent() ? "SSH_AUTH_SOCK" : "SSH_AUTH_SOCK is not set");
        }
        String value = configured.get().value();
        String why = "IdentityAgent " + value + " at " + configured.get().origin().describe();
        if (value.equals("none")) {
            return new AgentSocket(Optional.empty(), why);
        }
        if (value.startsWith("$") && !value.startsWith("${")) {
            return new AgentSocket(variable(environment, value.substring(1)), why);
        }
        try {
            return new AgentSocket(Optional.of(Path.of(config.expandPath(value))), why);
        } catch (IllegalArgumentException e) {
            return new AgentSocket(Optional.empty(), why + " (" + e.getMessage() + ")");
        }
    }

    private static Optional<Path> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(s -> !s.isEmpty()).map(Path::of);
    }
}
