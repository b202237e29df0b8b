import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.fleet.FleetInput;
import org.sshdoctor.fleet.FleetScan;
import org.sshdoctor.fleet.FleetSummary;
import org.sshdoctor.model.Target;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.ssh.HandshakeOptions;

/**
 * Runs the fleet scan of a target file several times in one JVM through the library API and prints, before
 * the first round and after each, the live threads, open file descriptors and heap in use after a GC: a leak
 * shows as growth from round to round. Run against the fat jar:
 * java -cp diag-cli/target/sshdoctor.jar bench/FleetResources.java TARGETS [ROUNDS] [CONCURRENCY]
 */
public class FleetResources {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3; // round 1 warms up; later rounds must not grow
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : FleetScan.defaultConcurrency();
        List<Target> targets = FleetInput.parse(Files.readAllLines(file), file.toString()).targets().stream()
                .map(e -> TargetSpec.parse(e.target()).toTarget(OptionalInt.empty(), Optional.empty(), "bench"))
                .toList();
        Doctor doctor = Doctor.fleet(HandshakeOptions.defaults().withKnownHosts(List.of()));
        print("before", 0, targets.size(), -1);
        for (int round = 1; round <= rounds; round++) {
            FleetSummary summary = new FleetSummary();
            ManagementFactory.getThreadMXBean().resetPeakThreadCount();
            long start = System.nanoTime();
            new FleetScan(doctor, DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), concurrency).run(targets, summary::add);
            doctor.close(); // as `sshdoctor scan` does at its end: the scan's shared SSH client stops
            long millis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(1000); // MINA's I/O threads end asynchronously after a client stops
            print("round " + round, millis, summary.count(FleetSummary.Outcome.OK),
                    ManagementFactory.getThreadMXBean().getPeakThreadCount());
        }
    }

    private static void print(String label, long millis, int ok, int peakThreads) throws Exception {
        System.gc();
        Thread.sleep(200);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long fds;
        try (var stream = Files.list(Path.of("/proc/self/fd"))) {
            fds = stream.count();
        }
        System.out.printf("%-8s %7d ms  ok %4d  live threads %4d (peak during the round %4d)  open fds %4d  heap after GC %6.1f MB%n",
                label, millis, ok, ManagementFactory.getThreadMXBean().getThreadCount(), peakThreads, fds, heap / 1048576.0);
        // Which threads are alive, by name without numbers: a leak shows as a group that grows every round.
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        Thread.getAllStackTraces().keySet().forEach(t -> groups.merge(t.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
        System.out.println("         threads: " + groups);
    }
}
