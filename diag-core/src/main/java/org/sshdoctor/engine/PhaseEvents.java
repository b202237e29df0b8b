package org.sshdoctor.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.sshdoctor.model.Target;

/**
 * What a probe uses to report the phases of its work to the diagnosis's {@link DiagnosisListener}: one
 * instance per probe run, from {@link ProbeContext#events()}, bound to the target. Safe to call from any
 * thread (network callbacks included); calls are serialised, and once the probe has ended (finished,
 * failed or timed out) further calls are dropped, so a listener never sees a phase event after the
 * probe's {@code probeEnd}. Emitting never throws and never blocks for long.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PhaseEvents {
    /** Drops every event: for code that runs a probe's parts outside a diagnosis. */
    public static final PhaseEvents NONE = new PhaseEvents(null, DiagnosisListener.NONE);

    private final Target target;
    private final DiagnosisListener listener;
    private boolean closed;

    PhaseEvents(Target target, DiagnosisListener listener) {
        this.target = target;
        this.listener = listener instanceof SafeListener ? listener : new SafeListener(listener);
        this.closed = listener == DiagnosisListener.NONE;
    }

    /** Events for {@code target} to {@code listener}, e.g. for a test of a probe's parts. */
    public static PhaseEvents of(Target target, DiagnosisListener listener) {
        return new PhaseEvents(java.util.Objects.requireNonNull(target, "target"), listener);
    }

    public synchronized void dnsStart(String hostName) {
        if (!closed) {
            listener.dnsStart(target, hostName);
        }
    }

    public synchronized void dnsEnd(String hostName, List<InetAddress> addresses) {
        if (!closed) {
            listener.dnsEnd(target, hostName, List.copyOf(addresses));
        }
    }

    public synchronized void dnsFailed(String hostName, String reason) {
        if (!closed) {
            listener.dnsFailed(target, hostName, reason);
        }
    }

    public synchronized void connectStart(InetSocketAddress address) {
        if (!closed) {
            listener.connectStart(target, address);
        }
    }

    public synchronized void connectEnd(InetSocketAddress address) {
        if (!closed) {
            listener.connectEnd(target, address);
        }
    }

    public synchronized void connectFailed(InetSocketAddress address, String reason) {
        if (!closed) {
            listener.connectFailed(target, address, reason);
        }
    }

    public synchronized void bannerReceived(String identification) {
        if (!closed) {
            listener.bannerReceived(target, identification);
        }
    }

    public synchronized void kexStart(InetSocketAddress address) {
        if (!closed) {
            listener.kexStart(target, address);
        }
    }

    public synchronized void hostKeyReceived(String algorithm, String fingerprint) {
        if (!closed) {
            listener.hostKeyReceived(target, algorithm, fingerprint);
        }
    }

    public synchronized void kexEnd(Map<String, String> negotiated) {
        if (!closed) {
            listener.kexEnd(target, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(negotiated)));
        }
    }

    public synchronized void kexFailed(String reason) {
        if (!closed) {
            listener.kexFailed(target, reason);
        }
    }

    public synchronized void authMethods(String user, List<String> methods) {
        if (!closed) {
            listener.authMethods(target, user, List.copyOf(methods));
        }
    }

    /** Called by the engine when the probe ended, before its {@code probeEnd}. */
    synchronized void close() {
        closed = true;
    }
}
