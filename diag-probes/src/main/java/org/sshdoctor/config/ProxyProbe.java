package org.sshdoctor.config;

import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Says when the resolved configuration sends ssh through ProxyJump or ProxyCommand: the diagnosis connects
 * to HostName directly, so its network findings describe a path ssh does not take. In the plan only when
 * such a setting applies.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProxyProbe implements Probe {
    private final ResolvedConfig config;

    public ProxyProbe(ResolvedConfig config) {
        this.config = config;
    }

    /** The ProxyJump or ProxyCommand entry that applies, unless it is {@code none}. */
    public static Optional<ConfigEntry> proxyOf(ResolvedConfig config) {
        return config.proxyJump().or(config::proxyCommand).filter(e -> !e.value().equalsIgnoreCase("none"));
    }

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Optional<ConfigEntry> proxy = proxyOf(config);
        if (proxy.isEmpty()) {
            return ProbeResult.builder().ok("ssh connects directly");
        }
        ConfigEntry entry = proxy.get();
        String keyword = entry.keyword().equals("proxyjump") ? "ProxyJump" : "ProxyCommand";
        return ProbeResult.builder().finding(Finding.of(ConfigFindings.PROXY_NOT_FOLLOWED, Severity.INFO)
                .title("ssh goes through " + keyword + " " + entry.value() + "; sshdoctor connected to "
                        + context.target().hostName() + " directly")
                .detail("Set by " + entry.origin().describe() + ". The DNS, TCP and handshake results of this report are for a direct "
                        + "connection from this machine, which ssh does not make: a failure there may not matter, and a problem "
                        + "of the jump host is not seen.")
                .evidence(keyword, entry.value())
                .evidence("origin", entry.origin().describe())
                .fix(entry.keyword().equals("proxyjump")
                        ? "Diagnose the jump host first (sshdoctor " + entry.value().split(",")[0] + "), then run sshdoctor on it for "
                                + context.target().hostName() + "."
                        : "Check the proxy command by hand: ssh -v " + context.target().name() + " shows where it stops; sshdoctor"
                                + " --via-jump " + context.target().name() + " diagnoses the target through it (it runs your"
                                + " ProxyCommand as the transport).")
                .build()).ok(keyword + " " + entry.value() + " not followed");
    }
}
