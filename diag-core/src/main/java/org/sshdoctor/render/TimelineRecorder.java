package org.sshdoctor.render;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.model.Target;

/**
 * Records the phase events of one diagnosis for {@link TimelineRenderer}: when the connection opened, the
 * banner arrived, the key exchange started and ended, relative to the start of the diagnosis. One
 * instance per diagnosis; thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TimelineRecorder implements DiagnosisListener {

    /**
     * One moment inside a probe.
     *
     * @param probe the probe the event belongs to ({@code dns}, {@code tcp}, {@code banner}, {@code kex})
     * @param atMillis milliseconds since the diagnosis started
     * @param what one line, sanitised
     */
    public record Mark(String probe, long atMillis, String what) {}

    private final List<Mark> marks = new ArrayList<>();
    private volatile long startNanos = System.nanoTime();

    /** The marks so far, in the order they happened. */
    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    private synchronized void mark(String probe, String what) {
        marks.add(new Mark(probe, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), TerminalText.line(what)));
    }

    @Override
    public void diagnosisStart(Target target) {
        startNanos = System.nanoTime();
    }

    @Override
    public void dnsEnd(Target target, String hostName, List<InetAddress> addresses) {
        mark("dns", "resolved: " + addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
    }

    @Override
    public void dnsFailed(Target target, String hostName, String reason) {
        mark("dns", "not resolved: " + reason);
    }

    @Override
    public void connectStart(Target target, InetSocketAddress address) {
        mark("tcp", "connecting to " + address.getAddress().getHostAddress() + " port " + address.getPort());
    }

    @Override
    public void connectEnd(Target target, InetSocketAddress address) {
        mark("tcp", "connected");
    }

    @Override
    public void connectFailed(Target target, InetSocketAddress address, String reason) {
        mark("tcp", "failed: " + reason);
    }

    @Override
    public void bannerReceived(Target target, String identification) {
        mark("banner", "identification: " + identification);
    }

    @Override
    public void kexStart(Target target, InetSocketAddress address) {
        mark("kex", "server KEXINIT received");
    }

    @Override
    public void hostKeyReceived(Target target, String algorithm, String fingerprint) {
        mark("kex", "host key " + algorithm + " " + fingerprint);
    }

    @Override
    public void kexEnd(Target target, Map<String, String> negotiated) {
        mark("kex", "keys in use: " + negotiated.getOrDefault("kex", "?") + ", " + negotiated.getOrDefault("cipher", "?"));
    }

    @Override
    public void kexFailed(Target target, String reason) {
        mark("kex", "key exchange failed: " + reason);
    }

    @Override
    public void authMethods(Target target, String user, List<String> methods) {
        mark("kex", "methods for " + user + ": " + String.join(",", methods));
    }
}
