package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The agent ssh would use (IdentityAgent, else SSH_AUTH_SOCK): absent, unreachable, empty, or holding
 * so many keys that servers with the default MaxAuthTries (6) disconnect before the right one.
 */
final class AgentRule {
    /** OpenSSH's default MaxAuthTries: the 6th refused key ends the connection. */
    static final int DEFAULT_MAX_AUTH_TRIES = 6;

    private AgentRule() {}

    /**
     * @param socket the socket path, empty when there is no agent
     * @param why how the socket was chosen (e.g. "SSH_AUTH_SOCK", "IdentityAgent none at FILE:LINE")
     */
    static AgentState check(Optional<Path> socket, String why, Duration timeout) {
        if (socket.isEmpty()) {
            return new AgentState(socket, List.of(), List.of(Finding.of(LocalFindings.AGENT_NONE, Severity.INFO)
                    .title("No ssh-agent is in use (" + why + ")")
                    .detail("Keys are read from files, and a passphrase is asked for every connection.")
                    .evidence("source", why)
                    .fix("eval \"$(ssh-agent -s)\" && ssh-add    # or AddKeysToAgent yes in ~/.ssh/config")
                    .build()));
        }
        Path path = socket.get();
        List<AgentIdentity> identities;
        try {
            identities = AgentClient.listIdentities(path, timeout);
        } catch (IOException e) {
            return new AgentState(socket, List.of(), List.of(Finding.of(LocalFindings.AGENT_UNREACHABLE, Severity.WARNING)
                    .title("The ssh-agent at " + path + " cannot be reached")
                    .detail("The socket (" + why + ") does not answer: " + e.getMessage() + ". A stale SSH_AUTH_SOCK "
                            + "(agent killed, a session from tmux/screen or an old forwarding) is the usual cause. "
                            + "ssh then silently uses key files only.")
                    .evidence("socket", path)
                    .evidence("source", why)
                    .evidence("error", e.getMessage())
                    .clientMessage("Could not open a connection to your authentication agent.   (ssh-add)")
                    .fix("eval \"$(ssh-agent -s)\" && ssh-add    # or fix SSH_AUTH_SOCK / IdentityAgent")
                    .build()));
        }
        if (identities.isEmpty()) {
            return new AgentState(socket, identities, List.of(Finding.of(LocalFindings.AGENT_EMPTY, Severity.INFO)
                    .title("The ssh-agent holds no keys")
                    .detail("ssh-add adds the default keys (~/.ssh/id_*); AddKeysToAgent yes adds keys on first use.")
                    .evidence("socket", path)
                    .clientMessage("The agent has no identities.   (ssh-add -l)")
                    .fix("ssh-add")
                    .build()));
        }
        Finding.Builder b;
        if (identities.size() >= DEFAULT_MAX_AUTH_TRIES) {
            b = Finding.of(LocalFindings.AGENT_MANY_KEYS, Severity.WARNING)
                    .title("The ssh-agent holds " + identities.size() + " keys: servers may disconnect before the right one")
                    .detail("ssh offers every agent key before key files not in the agent. Each refused key counts against "
                            + "the server's MaxAuthTries (default " + DEFAULT_MAX_AUTH_TRIES + "), so a key that comes after "
                            + "them is never tried.")
                    .clientMessage("Received disconnect from HOST port 22:2: Too many authentication failures")
                    .fix("Per host, offer only the right key:\nHost HOST\n    IdentitiesOnly yes\n    IdentityFile ~/.ssh/THE_KEY\n"
                            + "or remove keys from the agent: ssh-add -d FILE");
        } else {
            b = Finding.of(LocalFindings.AGENT_OK, Severity.OK)
                    .title("The ssh-agent holds " + identities.size() + " key" + (identities.size() == 1 ? "" : "s"));
        }
        b.evidence("socket", path);
        for (int i = 0; i < identities.size(); i++) {
            AgentIdentity id = identities.get(i);
            b.evidence("key " + (i + 1), PublicKeys.type(id.key()) + " " + PublicKeys.fingerprint(id.key()) + " " + id.comment());
        }
        return new AgentState(socket, identities, List.of(b.build()));
    }
}
