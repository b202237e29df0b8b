package org.sshdoctor.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * Shields the engine from a listener that throws: the report never depends on a listener. Every method
 * of {@link DiagnosisListener} must be forwarded here, or embedders silently miss its events
 * ({@code SafeListenerTest} checks that).
 */
final class SafeListener implements DiagnosisListener {
    private final DiagnosisListener delegate;

    SafeListener(DiagnosisListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void diagnosisStart(Target target) {
        guard(() -> delegate.diagnosisStart(target));
    }

    @Override
    public void probeStart(Target target, String probe) {
        guard(() -> delegate.probeStart(target, probe));
    }

    @Override
    public void probeEnd(Target target, ProbeRun run) {
        guard(() -> delegate.probeEnd(target, run));
    }

    @Override
    public void diagnosisEnd(Report report) {
        guard(() -> delegate.diagnosisEnd(report));
    }

    @Override
    public void dnsStart(Target target, String hostName) {
        guard(() -> delegate.dnsStart(target, hostName));
    }

    @Override
    public void dnsEnd(Target target, String hostName, List<InetAddress> addresses) {
        guard(() -> delegate.dnsEnd(target, hostName, addresses));
    }

    @Override
    public void dnsFailed(Target target, String hostName, String reason) {
        guard(() -> delegate.dnsFailed(target, hostName, reason));
    }

    @Override
    public void connectStart(Target target, InetSocketAddress address) {
        guard(() -> delegate.connectStart(target, address));
    }

    @Override
    public void connectEnd(Target target, InetSocketAddress address) {
        guard(() -> delegate.connectEnd(target, address));
    }

    @Override
    public void connectFailed(Target target, InetSocketAddress address, String reason) {
        guard(() -> delegate.connectFailed(target, address, reason));
    }

    @Override
    public void bannerReceived(Target target, String identification) {
        guard(() -> delegate.bannerReceived(target, identification));
    }

    @Override
    public void kexStart(Target target, InetSocketAddress address) {
        guard(() -> delegate.kexStart(target, address));
    }

    @Override
    public void hostKeyReceived(Target target, String algorithm, String fingerprint) {
        guard(() -> delegate.hostKeyReceived(target, algorithm, fingerprint));
    }

    @Override
    public void kexEnd(Target target, Map<String, String> negotiated) {
        guard(() -> delegate.kexEnd(target, negotiated));
    }

    @Override
    public void kexFailed(Target target, String reason) {
        guard(() -> delegate.kexFailed(target, reason));
    }

    @Override
    public void authMethods(Target target, String user, List<String> methods) {
        guard(() -> delegate.authMethods(target, user, methods));
    }

    @Override
    public <T> void factPublished(Target target, Fact<T> fact, T value) {
        guard(() -> delegate.factPublished(target, fact, value));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // Documented contract: listeners must not throw; if one does, the diagnosis goes on.
        }
    }
}
