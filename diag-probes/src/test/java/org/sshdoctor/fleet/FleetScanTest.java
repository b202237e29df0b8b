package org.sshdoctor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.Doctor;
import org.sshdoctor.ssh.HandshakeOptions;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

class FleetScanTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    /** MINA names its I/O threads after the client: sshd-SshClient[hash]-nio2-thread-N. */
    private static final Pattern CLIENT_THREAD = Pattern.compile("sshd-SshClient\\[([0-9a-f]+)\\]");

    @Test
    void aFleetDoctorRunsTheWholeScanOnOneSshClientAndStopsItWhenClosed() throws Exception {
        List<Target> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(Target.of("127.0.0.1", SSHD.port(), "user" + i));
        }
        Set<String> clients = ConcurrentHashMap.newKeySet();
        List<Report> reports = Collections.synchronizedList(new ArrayList<>());
        try (Doctor doctor = Doctor.fleet(HandshakeOptions.defaults().withClientProfile("openssh-9.2"))) {
            new FleetScan(doctor, DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), 4).run(fleet, host -> {
                reports.add(host.report());
                clients.addAll(clientsRunning());
            });
        }
        assertThat(reports).hasSize(4);
        FleetSummary summary = new FleetSummary();
        reports.forEach(summary::add);
        assertThat(summary.count(FleetSummary.Outcome.OK)).as(reports.toString()).isEqualTo(4);
        assertThat(clients).as("I/O threads of one client, not one per host").hasSize(1);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (clientsRunning().containsAll(clients) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(clientsRunning()).as("the scan's client stopped with the doctor").doesNotContainAnyElementsOf(clients);
    }

    private static Set<String> clientsRunning() {
        Set<String> ids = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            Matcher m = CLIENT_THREAD.matcher(thread.getName());
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void neverMoreThanTwoDiagnosesAtOnceAgainstOneHost() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        // A finished diagnosis has closed its socket, but the reader below may not have seen
                        // the end of stream yet on a loaded machine; each diagnosis holds its connection for
                        // the whole 700 ms banner timeout, so a short pause hides only that lag.
                        Thread.sleep(100);
                        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                        Thread t = new Thread(() -> { // silent: holds the connection until the client leaves
                            try (socket) {
                                socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (IOException ignored) {
                                // client gone
                            } finally {
                                open.decrementAndGet();
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException | InterruptedException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            List<Target> fleet = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fleet.add(Target.of("127.0.0.1", server.getLocalPort(), "user" + i));
            }
            List<Report> reports = Collections.synchronizedList(new ArrayList<>());
            new FleetScan(Doctor.create(), DiagnosisOptions.withPhaseTimeout(Duration.ofMillis(700)), 16)
                    .run(fleet, host -> reports.add(host.report()));
            assertThat(reports).hasSize(6);
            assertThat(peak.get()).isBetween(1, FleetScan.PER_HOST);
            FleetSummary summary = new FleetSummary();
            reports.forEach(summary::add);
            assertThat(summary.count(FleetSummary.Outcome.UNREACHABLE)).isEqualTo(6);
            assertThat(summary.mostCommon(3).get(0).id()).isEqualTo("SSH-BANNER-TIMEOUT");
        }
    }
}
