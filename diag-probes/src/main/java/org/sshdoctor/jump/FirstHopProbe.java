package org.sshdoctor.jump;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.sshdoctor.Doctor;
import org.sshdoctor.auth.KeyQueryOptions;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.ssh.HandshakeOptions;

/**
 * Says that the report is for the jump host, the first hop ssh connects to, and not for the final target:
 * reaching the target needs a login on the jump host, which sshdoctor never makes with the user's keys.
 * The diagnosis of a target behind ProxyJump is the standard probes run against the jump host plus this one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FirstHopProbe implements Probe {
    private final JumpHost hop;
    private final Target finalTarget;

    public FirstHopProbe(JumpHost hop, Target finalTarget) {
        this.hop = hop;
        this.finalTarget = finalTarget;
    }

    /**
     * The plan for a target behind {@code hop}: the standard probes against the jump host (as resolved through
     * ssh_config into {@code jumpHandshake} and {@code jumpKeys}), then this note.
     */
    public static List<Probe> plan(JumpHost hop, Target finalTarget, HandshakeOptions jumpHandshake, KeyQueryOptions jumpKeys) {
        List<Probe> probes = new ArrayList<>(Doctor.standardProbes(jumpHandshake, jumpKeys));
        probes.add(new FirstHopProbe(hop, finalTarget));
        return List.copyOf(probes);
    }

    @Override
    public String name() {
        return "jump";
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Target jump = context.target();
        String target = finalTarget.name() + (finalTarget.name().equalsIgnoreCase(finalTarget.hostName()) ? ""
                : " (" + finalTarget.hostName() + ")");
        String path = "this machine → " + jump.hostName() + (hop.laterHops().isEmpty() ? "" : " → " + String.join(" → ", hop.laterHops()))
                + " → " + finalTarget.hostName() + ":" + finalTarget.port();
        Finding finding = Finding.of(JumpFindings.FIRST_HOP_ONLY, Severity.INFO)
                .title("ssh reaches " + finalTarget.name() + " through the jump host " + hop.host() + ": this report is for "
                        + hop.host() + "; " + finalTarget.name() + " itself was not probed")
                .detail(hop.keyword() + " " + hop.entry().value() + " (set by " + hop.entry().origin().describe() + "). ssh connects"
                        + " from this machine only to the first hop, " + jump.user() + "@" + jump.hostName() + " port " + jump.port()
                        + ", and that host opens the connection to " + target + ". This report diagnoses the first hop like any"
                        + " target: its name, TCP, SSH server, host key, login methods and your keys, as ssh -J would use them.\n"
                        + "Reaching " + finalTarget.name() + " needs a login on " + hop.host() + ", and sshdoctor never logs in or"
                        + " signs with your keys, so " + finalTarget.name() + "'s own server, host key and the keys it accepts were"
                        + " not checked.")
                .evidence("path", path)
                .evidence("first hop", jump.user() + "@" + jump.hostName() + ":" + jump.port())
                .evidence("target", finalTarget.user() + "@" + finalTarget.hostName() + ":" + finalTarget.port())
                .evidence("origin", hop.entry().origin().describe())
                .fix("Once the first hop is healthy, diagnose " + finalTarget.name() + " through it with your own ssh as the"
                        + " transport (you log in to " + hop.host() + ", sshdoctor does not): sshdoctor --via-jump "
                        + finalTarget.name() + "\nOr run sshdoctor on " + hop.host() + ": ssh " + hop.port().stream()
                                .mapToObj(p -> "-p " + p + " ").findFirst().orElse("") + hop.user().map(u -> u + "@").orElse("")
                                + hop.host() + " sshdoctor " + finalTarget.user() + "@" + finalTarget.hostName()
                                + (finalTarget.port() == Target.DEFAULT_PORT ? "" : ":" + finalTarget.port()))
                .build();
        return ProbeResult.builder().finding(finding).ok("first hop " + jump.hostName() + ":" + jump.port() + " diagnosed; "
                + finalTarget.hostName() + " not probed");
    }
}
