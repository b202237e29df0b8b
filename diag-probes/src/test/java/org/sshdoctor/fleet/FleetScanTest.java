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
import org.junit.jupiter.api.Test;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

class FleetScanTest {

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
