package org.sshdoctor.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * Observes a diagnosis as it happens, e.g. to show progress or export timings as metrics, in the manner
 * of OkHttp's {@code EventListener}. Every method has a no-op default: override what you need.
 *
 * <h2>Order contract</h2>
 * <ul>
 *   <li>{@code diagnosisStart} first and {@code diagnosisEnd} last, once each.</li>
 *   <li>Every {@code probeStart} is followed by exactly one {@code probeEnd} for that probe; a skipped
 *       probe gets only {@code probeEnd} (status SKIPPED), never {@code probeStart}. Probes run
 *       concurrently, so events of different probes interleave.</li>
 *   <li>Phase events (everything from {@code dnsStart} to {@code authMethods}) come between their
 *       probe's {@code probeStart} and {@code probeEnd}, in the order below; none arrives after the
 *       probe ended, even when it timed out. A phase that fails or times out ends with its
 *       {@code …Failed} event (or with nothing more, when the probe's deadline cut it short).
 *       <ul>
 *         <li>dns probe: {@code dnsStart}, then {@code dnsEnd} with the addresses (or {@code dnsFailed}).</li>
 *         <li>tcp probe: for each address tried, in order, {@code connectStart}, then {@code connectEnd} or
 *             {@code connectFailed}; it stops at the first address that accepts.</li>
 *         <li>banner probe: {@code bannerReceived} with the server's identification line.</li>
 *         <li>kex probe: {@code kexStart} when the server's KEXINIT arrived, {@code hostKeyReceived},
 *             {@code kexEnd} with the negotiated algorithms when the keys are in use (or
 *             {@code kexFailed}), then {@code authMethods} with the answer to the {@code none} request.</li>
 *       </ul></li>
 *   <li>{@code factPublished} for each fact a probe published, after its phase events and before its
 *       {@code probeEnd}; a probe that runs after it sees the fact. A fact published early
 *       ({@link ProbeContext#publish}) is announced when published, among its probe's phase events (the kex
 *       probe publishes the KEXINIT and host key after {@code hostKeyReceived}).</li>
 * </ul>
 * Methods are called on engine or network I/O threads, must be fast and must not throw (an exception is
 * caught and ignored); the report never depends on a listener. Probes of your own emit phase events
 * through {@link ProbeContext#events()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DiagnosisListener {

    /** A listener that does nothing. */
    DiagnosisListener NONE = new DiagnosisListener() {};

    default void diagnosisStart(Target target) {}

    default void probeStart(Target target, String probe) {}

    default void probeEnd(Target target, ProbeRun run) {}

    default void diagnosisEnd(Report report) {}

    /** Name resolution of {@code hostName} starts. */
    default void dnsStart(Target target, String hostName) {}

    /** Name resolution gave {@code addresses}, in the order they will be tried. */
    default void dnsEnd(Target target, String hostName, List<InetAddress> addresses) {}

    /** Name resolution failed; {@code reason} is one line. */
    default void dnsFailed(Target target, String hostName, String reason) {}

    /** A TCP connection to {@code address} is being opened. */
    default void connectStart(Target target, InetSocketAddress address) {}

    /** The TCP connection to {@code address} is open. */
    default void connectEnd(Target target, InetSocketAddress address) {}

    /** The TCP connection to {@code address} failed (refused, timed out, no route); {@code reason} is one line. */
    default void connectFailed(Target target, InetSocketAddress address, String reason) {}

    /** The server's identification line, as received (not sanitised: escape it before printing). */
    default void bannerReceived(Target target, String identification) {}

    /** The server's KEXINIT arrived on the main SSH connection: key exchange starts. */
    default void kexStart(Target target, InetSocketAddress address) {}

    /**
     * The server presented a host key.
     *
     * @param algorithm the host key algorithm, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}
     * @param fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:…}
     */
    default void hostKeyReceived(Target target, String algorithm, String fingerprint) {}

    /**
     * Key exchange completed: both sides use the new keys.
     *
     * @param negotiated what was negotiated, keyed {@code kex}, {@code hostkey}, {@code cipher}, {@code mac},
     *     {@code compression} (client to server)
     */
    default void kexEnd(Target target, Map<String, String> negotiated) {}

    /** Key exchange failed; {@code reason} is one line. */
    default void kexFailed(Target target, String reason) {}

    /** The server's answer to a {@code none} authentication request for {@code user}. */
    default void authMethods(Target target, String user, List<String> methods) {}

    /**
     * A probe published a fact (addresses, host keys, the server's KEXINIT…): the typed result behind the
     * findings, for embedders that want data rather than text.
     */
    default <T> void factPublished(Target target, Fact<T> fact, T value) {}
}
