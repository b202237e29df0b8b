package org.sshdoctor.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Plan;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.sshdoctor.testing.RealSshClient;

class TcpProbeTest {
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    /** Stands in for DNS: publishes the given addresses in this order. */
    record FixedAddresses(List<InetAddress> addresses) implements Probe {
        @Override
        public String name() {
            return "dns";
        }

        @Override
        public Set<Fact<?>> requires() {
            return Set.of();
        }

        @Override
        public Set<Fact<?>> produces() {
            return Set.of(NetFacts.ADDRESSES);
        }

        @Override
        public ProbeResult run(ProbeContext context) {
            return ProbeResult.builder().fact(NetFacts.ADDRESSES, new Addresses(addresses, "test", 0)).ok("fixed");
        }
    }

    private static Report connect(int port, Duration timeout, InetAddress... addresses) {
        return Plan.of(new FixedAddresses(List.of(addresses)), new TcpProbe())
                .run(Target.of("multi.test", port, "fred"), DiagnosisOptions.withPhaseTimeout(timeout), DiagnosisListener.NONE);
    }

    /** A listener whose accept queue is full: further connects get no answer, as behind a dropping firewall. */
    private int blackHolePort() throws Exception {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        cleanup.add(server);
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            cleanup.add(filler);
            try {
                filler.connect(server.getLocalSocketAddress(), 300);
            } catch (java.io.IOException queueFull) {
                break;
            }
        }
        return server.getLocalPort();
    }

    @Test
    void droppedConnectionsTimeOutPerAddressLikeConnectTimeout() throws Exception {
        int port = blackHolePort();
        long start = System.nanoTime();
        Report report = connect(port, Duration.ofSeconds(1), InetAddress.getByName("127.0.0.1"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        Finding finding = report.findings().get(0);
        assertThat(finding.id()).isEqualTo(NetFindings.TCP_TIMEOUT);
        assertThat(millis).isBetween(900L, 4_000L);
        assertThat(finding.clientMessage()).hasValue("ssh: connect to host multi.test port " + port + ": Connection timed out");
        assertThat(RealSshClient.stderrOf(port, 1)).contains("port " + port + ": Connection timed out");
    }

    @Test
    void aFailingFirstAddressIsAWarningWhenALaterOneAccepts() throws Exception {
        ServerSocket v4 = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        cleanup.add(v4);
        Report report = connect(v4.getLocalPort(), Duration.ofSeconds(2), InetAddress.getByName("::1"),
                InetAddress.getByName("127.0.0.1"));
        assertThat(report.probe("tcp").orElseThrow().status()).isEqualTo(ProbeStatus.OK);
        Finding finding = report.findings().get(0);
        assertThat(finding.id()).isEqualTo(NetFindings.TCP_SOME_ADDRESSES_FAILED);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.evidence()).containsKey("[0:0:0:0:0:0:0:1]:" + v4.getLocalPort());
    }

    @Test
    void everyFailedAddressIsListedWhenAllFail() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Report report = connect(port, Duration.ofSeconds(2), InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
        Finding finding = report.findings().get(0);
        assertThat(finding.id()).isEqualTo(NetFindings.TCP_REFUSED);
        assertThat(finding.evidence()).hasSize(2);
        assertThat(report.probe("tcp").orElseThrow().summary()).startsWith("every address failed");
    }

    @Test
    void errorsAreClassifiedAsSshWordsThem() {
        assertThat(TcpProbe.classify(new java.net.ConnectException("Connection refused"))).isEqualTo(TcpProbe.Outcome.REFUSED);
        assertThat(TcpProbe.classify(new java.net.NoRouteToHostException("No route to host"))).isEqualTo(TcpProbe.Outcome.NO_ROUTE);
        assertThat(TcpProbe.classify(new java.net.ConnectException("Network is unreachable (connect failed)")))
                .isEqualTo(TcpProbe.Outcome.NETWORK_UNREACHABLE);
        assertThat(TcpProbe.classify(new java.net.SocketTimeoutException("Connect timed out"))).isEqualTo(TcpProbe.Outcome.TIMED_OUT);
    }
}
