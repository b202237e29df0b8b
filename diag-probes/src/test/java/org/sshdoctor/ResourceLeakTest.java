package org.sshdoctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.sshd.server.SshServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.EngineFindings;
import org.sshdoctor.model.Finding;
import org.sshdoctor.ssh.HandshakeOptions;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.testing.FakePeer;
import org.sshdoctor.testing.HostileKex;
import org.sshdoctor.testing.SilentAuthServer;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.MinaServers;

/**
 * A thousand diagnoses in one JVM, against good servers (a real sshd, a MINA server) and hostile ones
 * (closing, resetting, HTTP, mute, a tarpit, a port nobody listens on, an absurd packet length, a lying
 * name-list, a hostile disconnect message, silence after KEXINIT, silence at authentication, a server
 * dropping every second connection), leave no threads, file descriptors or heap behind, and no probe
 * crashes: what a long-running scan or a library user needs. Counts are taken after a warm-up (class
 * loading, MINA's and the JDK's lazily started threads) and compared once every peer is closed, with a
 * small slack and a bounded wait for threads that are ending.
 */
class ResourceLeakTest {
    private static final int ROUNDS = 72; // 14 kinds of server: 1008 diagnoses
    private static final int AT_ONCE = 32; // they mostly wait on timeouts, not the CPU
    private static final int THREAD_SLACK = 6; // pools that grow and shrink; a leak per diagnosis would be hundreds
    private static final int FD_SLACK = 8;
    private static final long HEAP_SLACK = 48L * 1024 * 1024;
    private static final Path FDS = Path.of("/proc/self/fd");

    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    /** Accepts, reads, never sends; its thread ends when the client hangs up (FakePeer.SILENT never ends). */
    private static final FakePeer.Behaviour MUTE = socket -> socket.getInputStream().transferTo(OutputStream.nullOutputStream());

    @Test
    void aThousandDiagnosesOfGoodAndHostileServersLeakNothing() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "no /proc/self/fd");
        DiagnosisOptions options = DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(1));
        runMix(2, options); // warm-up
        settle(ResourceLeakTest::threads, Integer.MAX_VALUE);
        int threads = threads();
        java.util.Set<String> before = threadNames();
        int fds = fds();
        long heap = usedHeap();

        long start = System.nanoTime();
        int diagnoses = runMix(ROUNDS, options);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        int threadsAfter = settle(ResourceLeakTest::threads, threads + THREAD_SLACK);
        int fdsAfter = settle(ResourceLeakTest::fds, fds + FD_SLACK);
        long heapAfter = usedHeap();
        // One line in the test report, so the figures can be quoted (docs/security.md).
        java.util.Set<String> added = threadNames();
        added.removeAll(before);
        System.out.printf("%d diagnoses in %d s: threads %d -> %d (new: %s), fds %d -> %d, heap %d -> %d MiB%n", diagnoses,
                seconds, threads, threadsAfter, added, fds, fdsAfter, heap >> 20, heapAfter >> 20);
        assertThat(diagnoses).isGreaterThanOrEqualTo(1000);
        assertThat(threadsAfter).as("threads (baseline %d, new: %s)", threads, added).isLessThanOrEqualTo(threads + THREAD_SLACK);
        assertThat(fdsAfter).as("open file descriptors (baseline %d)", fds).isLessThanOrEqualTo(fds + FD_SLACK);
        assertThat(heapAfter).as("heap after GC (baseline %d)", heap).isLessThan(heap + HEAP_SLACK);
    }

    /** ROUNDS diagnoses of each kind of server, AT_ONCE at a time; every peer closed at the end. */
    private static int runMix(int rounds, DiagnosisOptions options) throws Exception {
        SilentAuthServer silentAuth = SilentAuthServer.start();
        SshServer mina = minaServer();
        List<FakePeer> peers = new ArrayList<>();
        for (FakePeer.Behaviour behaviour : List.of(FakePeer.CLOSE, FakePeer.RESET, FakePeer.HTTP, MUTE, FakePeer.TARPIT,
                HostileKex.packetLength(1L << 31), HostileKex.lyingNameList(4 << 20),
                HostileKex.disconnect(2, "\u001b]0;owned\u0007" + "x".repeat(10_000)),
                HostileKex.kexInit(HostileKex.PLAIN_LISTS, HostileKex.After.SILENCE),
                HostileKex.dropEverySecond(HostileKex.relayTo(SSHD.port())))) {
            peers.add(new FakePeer(behaviour).start());
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Integer> ports = new ArrayList<>(List.of(SSHD.port(), mina.getPort(), silentAuth.port(), closedPort));
        peers.forEach(p -> ports.add(p.port()));
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<Future<Report>> reports = new ArrayList<>();
        // The standard probes with a built-in client profile: no 'ssh -G' process per diagnosis.
        Doctor doctor = Doctor.create(HandshakeOptions.defaults().withClientProfile("openssh-9.2"));
        try {
            for (int round = 0; round < rounds; round++) {
                for (int port : ports) {
                    Target target = Target.of("127.0.0.1", port, "tester");
                    reports.add(pool.submit(() -> doctor.diagnose(target, options, DiagnosisListener.NONE)));
                }
            }
            for (Future<Report> report : reports) {
                assertThat(report.get(60, TimeUnit.SECONDS).findings()).extracting(Finding::id)
                        .doesNotContain(EngineFindings.PROBE_CRASHED);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (FakePeer peer : peers) {
                peer.close();
            }
            mina.stop(true);
            silentAuth.close();
        }
        return reports.size();
    }

    /** A healthy MINA SSH server: key exchange and a 'none' request answered with its methods. */
    private static SshServer minaServer() throws Exception {
        SshServer server = MinaServers.unstarted();
        server.setPasswordAuthenticator((user, password, session) -> false);
        server.start();
        return server;
    }

    /** The count once it is at most {@code target}, or the last count after at most 15 s. */
    private static int settle(IntSupplier count, int target) throws InterruptedException {
        int value = count.getAsInt();
        for (int i = 0; i < 150 && value > target; i++) {
            Thread.sleep(100);
            value = count.getAsInt();
        }
        if (target == Integer.MAX_VALUE) { // warm-up: wait until the count stops falling
            for (int i = 0; i < 50; i++) {
                Thread.sleep(100);
                int next = count.getAsInt();
                if (next >= value && i > 5) {
                    break;
                }
                value = Math.min(value, next);
            }
        }
        return value;
    }

    /**
     * Live threads, without the JDK's "process reaper" threads: one per child process running at the same
     * time (ssh -G and ssh -Q, six per diagnosis, eight diagnoses at once), kept idle for 60 s by the JDK
     * and then ended; how many linger depends only on how the processes overlapped on a loaded machine.
     */
    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("process reaper")).count();
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private static int fds() {
        try (var entries = Files.list(FDS)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
