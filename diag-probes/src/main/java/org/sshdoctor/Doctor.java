package org.sshdoctor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;
import org.sshdoctor.auth.KeyOfferProbe;
import org.sshdoctor.auth.KeyQueryOptions;
import org.sshdoctor.auth.PublicKeyProbe;
import org.sshdoctor.config.ProxyProbe;
import org.sshdoctor.local.ConfigProblemsProbe;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Plan;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.DnsProbe;
import org.sshdoctor.net.TcpProbe;
import org.sshdoctor.ssh.AuthMethodsProbe;
import org.sshdoctor.ssh.BannerProbe;
import org.sshdoctor.ssh.ClientProfileProbe;
import org.sshdoctor.ssh.HandshakeOptions;
import org.sshdoctor.ssh.HostKeyProbe;
import org.sshdoctor.ssh.KexProbe;
import org.sshdoctor.ssh.NegotiationProbe;
import org.sshdoctor.ssh.SshClientProbe;
import org.sshdoctor.ssh.SshfpProbe;

/**
 * The library's front door: diagnoses one target with the standard probes.
 *
 * <pre>{@code
 * Report report = Doctor.create().diagnose(Target.of("host.example.org", 22, "fred"),
 *         DiagnosisOptions.defaults(), DiagnosisListener.NONE);
 * report.findings().forEach(f -> System.out.println(f.severity() + " " + f.title()));
 * }</pre>
 *
 * <p>A {@link #fleet} doctor keeps one SSH client for all its diagnoses: close it when done (closing any
 * other doctor does nothing).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Doctor implements AutoCloseable {
    private final Plan plan;

    private Doctor(Plan plan) {
        this.plan = plan;
    }

    /** A doctor with the standard probes: DNS, TCP, banner, then the handshake probes with default options. */
    public static Doctor create() {
        return create(HandshakeOptions.defaults());
    }

    /** A doctor with the standard probes, the handshake probes set up by {@code options}. */
    public static Doctor create(HandshakeOptions options) {
        return new Doctor(Plan.of(standardProbes(options)));
    }

    /** A doctor with the standard probes, the handshake and public-key steps set up by the caller. */
    public static Doctor create(HandshakeOptions options, KeyQueryOptions keys) {
        return new Doctor(Plan.of(standardProbes(options, keys)));
    }

    /** A doctor with a plan of your own probes (the standard ones, a subset, or extra ones). */
    public static Doctor withProbes(List<? extends Probe> probes) {
        return new Doctor(Plan.of(probes));
    }

    /** The standard probes, in the order the real client walks the connection. */
    public static List<Probe> standardProbes() {
        return standardProbes(HandshakeOptions.defaults());
    }

    /**
     * The standard probes, the handshake probes set up by {@code options}; the public-key step uses the
     * current account, its agent and default config files, and asks only servers known_hosts vouches for.
     */
    public static List<Probe> standardProbes(HandshakeOptions options) {
        return standardProbes(options, KeyQueryOptions.currentUser(System.getenv()));
    }

    /**
     * The standard probes without the public-key step, for fleet scans: querying every host's
     * acceptance of the user's keys would cost extra connections and "Failed publickey" lines that
     * fail2ban-style tools count, on every server of the fleet.
     */
    public static List<Probe> fleetProbes(HandshakeOptions options) {
        return standardProbes(options).stream().filter(p -> !(p instanceof PublicKeyProbe || p instanceof KeyOfferProbe)).toList();
    }

    /**
     * A doctor for a fleet scan: the {@link #fleetProbes}, with one SSH client shared by all its diagnoses
     * instead of one per host (one I/O thread group for the scan; see {@link SshClientProbe#shared()}). Close it
     * when the scan is over.
     */
    public static Doctor fleet(HandshakeOptions options) {
        return withProbes(fleetProbes(options).stream()
                .map(p -> p instanceof SshClientProbe ? SshClientProbe.shared() : p)
                .toList());
    }

    /**
     * The standard probes: DNS, TCP, banner, the handshake probes set up by {@code options}, then the
     * public-key step (the keys ssh would offer, and which the server accepts) set up by {@code keys}.
     */
    public static List<Probe> standardProbes(HandshakeOptions options, KeyQueryOptions keys) {
        List<Probe> probes = new java.util.ArrayList<>(List.of(DnsProbe.system(), new TcpProbe(), new BannerProbe(),
                new SshClientProbe(), new ClientProfileProbe(options), new KexProbe(), new NegotiationProbe(options.audit()), new HostKeyProbe(),
                new SshfpProbe(), new AuthMethodsProbe(), new KeyOfferProbe(keys), new PublicKeyProbe(keys)));
        // Only when the config sends ssh through a proxy: the direct path diagnosed is not the one ssh takes.
        keys.config().filter(config -> ProxyProbe.proxyOf(config).isPresent()).ifPresent(config -> probes.add(new ProxyProbe(config)));
        // First, as ssh reads its configuration before anything else and stops on most of its errors.
        keys.config().filter(ConfigProblemsProbe::applies).ifPresent(config -> probes.add(0, new ConfigProblemsProbe(config)));
        return List.copyOf(probes);
    }

    /** Runs the diagnosis; never throws for a problem of the server, only for a bug. */
    public Report diagnose(Target target, DiagnosisOptions options, DiagnosisListener listener) {
        return plan.run(target, options, listener);
    }

    /**
     * Releases what the probes keep between diagnoses (the shared SSH client of {@link #fleetProbes}); call it
     * when no diagnosis of this doctor runs any more. A later diagnosis sets them up again.
     */
    @Override
    public void close() {
        for (Probe probe : plan.probes()) {
            if (probe instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + probe.name() + " failed", e);
                }
            }
        }
    }

    /**
     * Runs the diagnosis on {@code executor} and completes with its report; the future fails only for a
     * bug. The diagnosis keeps its own deadlines, so the future always completes.
     */
    public CompletableFuture<Report> diagnoseAsync(Target target, DiagnosisOptions options,
            DiagnosisListener listener, Executor executor) {
        return CompletableFuture.supplyAsync(() -> diagnose(target, options, listener), executor);
    }
}
