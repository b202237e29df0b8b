package org.sshdoctor.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sshdoctor.local.LocalFindings;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The agent's part in the server's answers, said where it explains them: an agent whose keys alone use
 * up this server's MaxAuthTries before the key it accepts (the local check can only warn about the
 * default limit), and an agent ssh cannot reach when the server accepts none of the keys ssh could offer
 * (the right key may be in that agent). A pure function of the identities, the answers and the local
 * findings.
 */
final class AgentInDiagnosis {
    private AgentInDiagnosis() {}

    /**
     * The verdict, with the unreachable agent added to a "none accepted" one (unless IdentitiesOnly leaves
     * agent-only keys out anyway), then the agent finding that explains a cut-off, if the agent's keys cause it.
     */
    static List<Finding> explain(Finding verdict, List<OfferedIdentity> order, PublicKeyQuery.Result result,
            List<Finding> local, String host, int port, boolean identitiesOnly) {
        List<Finding> out = new ArrayList<>();
        Optional<Finding> unreachable = local.stream().filter(f -> f.id().equals(LocalFindings.AGENT_UNREACHABLE)).findFirst();
        // With IdentitiesOnly ssh offers no agent-only key anyway: the unreachable agent then changes nothing here.
        if (verdict.id().equals(AuthFindings.PUBKEY_NONE_ACCEPTED) && unreachable.isPresent() && !identitiesOnly) {
            String socket = String.valueOf(unreachable.get().evidence().getOrDefault("socket", "the agent socket"));
            out.add(new Finding(verdict.id(), verdict.severity(), verdict.title(), verdict.detail()
                    + "\nssh cannot reach the agent at " + socket + ", so no agent key was offered (ssh says nothing about it"
                    + " without -v). If the key this server knows is in that agent, fix SSH_AUTH_SOCK first: see the"
                    + " agent finding below.", verdict.evidence(), verdict.clientMessage(), verdict.fix(), verdict.observed()));
        } else {
            out.add(verdict);
        }
        if (verdict.id().equals(AuthFindings.PUBKEY_TOO_MANY_FAILURES)) {
            agentUsesUpTries(order, result, host, port).ifPresent(out::add);
        }
        return out;
    }

    /** The agent's keys refused before the accepted key reach the server's limit by themselves. */
    private static Optional<Finding> agentUsesUpTries(List<OfferedIdentity> order, PublicKeyQuery.Result result, String host,
            int port) {
        Optional<OfferedIdentity> good = order.stream().filter(i -> i.position() > 0)
                .filter(i -> i.key().map(k -> result.answers().stream().anyMatch(a -> a.accepted() && PublicKeys.same(a.key(), k)))
                        .orElse(false))
                .findFirst();
        if (good.isEmpty()) {
            return Optional.empty();
        }
        List<OfferedIdentity> agentBefore = order.stream()
                .filter(i -> i.position() > 0 && i.position() < good.get().position())
                .filter(i -> i.source() == OfferedIdentity.Source.AGENT || i.source() == OfferedIdentity.Source.AGENT_AND_FILE)
                .toList();
        OptionalInt observed = AcceptanceVerdict.observedMaxAuthTries(result);
        int limit = observed.orElse(AcceptanceVerdict.DEFAULT_MAX_AUTH_TRIES);
        if (agentBefore.size() < limit) {
            return Optional.empty();
        }
        long inAgent = order.stream().filter(i -> i.source() == OfferedIdentity.Source.AGENT
                || i.source() == OfferedIdentity.Source.AGENT_AND_FILE).count();
        String limitText = limit + (observed.isPresent() ? ", observed: it disconnected at refusal #" + limit
                : ", OpenSSH's default; the server did not show its own");
        Finding.Builder b = Finding.of(LocalFindings.AGENT_MANY_KEYS, Severity.WARNING)
                .title("The ssh-agent's keys use up " + host + "'s MaxAuthTries (" + limit + ") before key #" + good.get().position())
                .detail("ssh offers the agent's keys first. " + agentBefore.size() + " of the agent's " + inAgent + " keys come before the key "
                        + "the server accepts, and each refusal counts against MaxAuthTries (" + limitText + "), so the "
                        + "server disconnects before ssh reaches " + good.get().label() + ".")
                .evidence("agent keys before the accepted one", agentBefore.size())
                .evidence("max auth tries", limit + (observed.isPresent() ? " (observed)" : " (default, not observed)"))
                .clientMessage("Received disconnect from " + host + " port " + port + ":2: Too many authentication failures")
                .fix("Offer only the right key to this host (see the fix above: IdentitiesOnly yes + IdentityFile), or take keys"
                        + " out of the agent: ssh-add -l lists them, ssh-add -d FILE removes one, ssh-add -D removes all.");
        for (OfferedIdentity id : agentBefore) {
            b.evidence("#" + id.position(), id.describe());
        }
        return Optional.of(b.build());
    }
}
