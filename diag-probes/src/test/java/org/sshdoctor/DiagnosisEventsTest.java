package org.sshdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.ssh.HandshakeOptions;

/** The listener's phase events over a real diagnosis of an embedded MINA server: order and content. */
class DiagnosisEventsTest {

    /** Records every event as one line, and which probe each phase event arrived in. */
    static final class Recorder implements DiagnosisListener {
        final List<String> events = new ArrayList<>();
        private final Set<String> running = new HashSet<>();
        final List<String> outOfPlace = new ArrayList<>();

        private synchronized void add(String probe, String event) {
            if (probe != null && !running.contains(probe)) {
                outOfPlace.add(event);
            }
            events.add(event);
        }

        @Override
        public synchronized void diagnosisStart(Target target) {
            add(null, "diagnosisStart " + target.endpoint());
        }

        @Override
        public synchronized void probeStart(Target target, String probe) {
            running.add(probe);
            add(null, "probeStart " + probe);
        }

        @Override
        public synchronized void probeEnd(Target target, ProbeRun run) {
            add(null, "probeEnd " + run.name() + " " + run.status().label());
            running.remove(run.name());
        }

        @Override
        public synchronized void diagnosisEnd(Report report) {
            add(null, "diagnosisEnd");
        }

        @Override
        public void dnsStart(Target target, String hostName) {
            add("dns", "dnsStart " + hostName);
        }

        @Override
        public void dnsEnd(Target target, String hostName, List<InetAddress> addresses) {
            add("dns", "dnsEnd " + hostName + " " + addresses.stream().map(InetAddress::getHostAddress).toList());
        }

        @Override
        public void connectStart(Target target, InetSocketAddress address) {
            add("tcp", "connectStart " + address.getPort());
        }

        @Override
        public void connectEnd(Target target, InetSocketAddress address) {
            add("tcp", "connectEnd " + address.getPort());
        }

        @Override
        public void bannerReceived(Target target, String identification) {
            add("banner", "bannerReceived " + identification);
        }

        @Override
        public void kexStart(Target target, InetSocketAddress address) {
            add("kex", "kexStart " + address.getPort());
        }

        @Override
        public void hostKeyReceived(Target target, String algorithm, String fingerprint) {
            add("kex", "hostKeyReceived " + algorithm + " " + fingerprint);
        }

        @Override
        public void kexEnd(Target target, Map<String, String> negotiated) {
            add("kex", "kexEnd " + negotiated.keySet() + " kex=" + negotiated.get("kex"));
        }

        @Override
        public void authMethods(Target target, String user, List<String> methods) {
            add("kex", "authMethods " + user + " " + methods);
        }

        @Override
        public <T> void factPublished(Target target, Fact<T> fact, T value) {
            add(null, "fact " + fact.name());
        }
    }

    @Test
    void phaseEventsArriveInOrderInsideTheirProbeWithWhatWasSeen() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(key));
        server.setPublickeyAuthenticator((user, k, session) -> false);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "EventsTest_1.0");
        server.start();
        try {
            int port = server.getPort();
            Recorder recorder = new Recorder();
            Report report = Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2")
                    .withKnownHosts(List.of()))).diagnose(Target.of("127.0.0.1", port, "fred"),
                    DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), recorder);

            List<String> events = recorder.events;
            assertThat(events.get(0)).isEqualTo("diagnosisStart 127.0.0.1:" + port);
            assertThat(events.get(events.size() - 1)).isEqualTo("diagnosisEnd");
            assertThat(recorder.outOfPlace).as("phase events outside their probe").isEmpty();
            assertThat(events).containsSubsequence(
                    "probeStart dns", "dnsStart 127.0.0.1", "dnsEnd 127.0.0.1 [127.0.0.1]", "fact addresses", "probeEnd dns ok",
                    "probeStart tcp", "connectStart " + port, "connectEnd " + port, "fact connection", "probeEnd tcp ok",
                    "probeStart banner", "bannerReceived SSH-2.0-EventsTest_1.0", "probeEnd banner ok",
                    "probeStart kex", "kexStart " + port,
                    "hostKeyReceived ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(key.getPublic()),
                    "kexEnd [kex, hostkey, cipher, mac, compression] kex=curve25519-sha256",
                    "authMethods fred [keyboard-interactive, publickey]", "probeEnd kex ok");
            // The KEXINIT and host key are published the moment the key arrives (the host key check starts
            // beside authentication), so their facts come after hostKeyReceived, before the kex probe ends.
            assertThat(events).containsSubsequence("hostKeyReceived ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(key.getPublic()),
                    "fact server kexinit", "fact host key", "probeEnd kex ok");
            assertThat(events).filteredOn(e -> e.startsWith("probeEnd")).hasSize(report.probes().size());
        } finally {
            server.stop(true);
        }
    }
}
