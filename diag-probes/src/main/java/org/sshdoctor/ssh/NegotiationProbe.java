package org.sshdoctor.ssh;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.net.NetFacts;

/**
 * Predicts the algorithm negotiation of the user's own client with the server, from the client's
 * proposal and the server's captured KEXINIT, and reports every list with nothing in common (ssh names
 * only the first), quoting ssh's exact message, with the temporary client-side and the real server-side
 * fix. Legacy algorithms are info, or warnings with {@code --audit}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NegotiationProbe implements Probe {
    private final boolean audit;

    public NegotiationProbe(boolean audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "algos";
    }

    @Override
    public Set<Fact<?>> requires() {
        return Set.of(NetFacts.CONNECTION, HandshakeFacts.SERVER_KEXINIT, HandshakeFacts.CLIENT_ALGORITHMS);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        ClientAlgorithms client = context.fact(HandshakeFacts.CLIENT_ALGORITHMS);
        ServerKexInit server = context.fact(HandshakeFacts.SERVER_KEXINIT);
        NegotiationVerdicts verdicts = new NegotiationVerdicts(context.target(),
                context.fact(NetFacts.CONNECTION).remote(), client, server);
        Negotiation negotiation = Negotiation.predict(client, server);
        ProbeResult.Builder result = ProbeResult.builder();
        List<Finding> mismatches = verdicts.mismatches(negotiation);
        if (mismatches.isEmpty()) {
            result.finding(verdicts.negotiated(negotiation));
        }
        mismatches.forEach(result::finding);
        verdicts.hygiene(negotiation, audit).forEach(result::finding);
        if (!mismatches.isEmpty()) {
            return result.failed(client.name() + " cannot negotiate: " + negotiation.failures().stream()
                    .map(o -> o.list().kind().noMatchText()).distinct().collect(Collectors.joining("; ")));
        }
        return result.ok(client.name() + " would use " + negotiation.outcome(KexList.KEX).chosen().orElseThrow()
                + " / " + negotiation.outcome(KexList.HOST_KEY).chosen().orElseThrow()
                + " / " + negotiation.outcome(KexList.CIPHER_C2S).chosen().orElseThrow());
    }
}
