import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TerminalText;

/**
 * Embedding sshdoctor: diagnose one server, print a timeline from a listener, read the findings,
 * and emit the JSON report. Run it against the built jar:
 *
 *   java -cp diag-cli/target/sshdoctor.jar docs/examples/DiagnoseOne.java fred@host.example.org
 */
public class DiagnoseOne {
    public static void main(String[] args) throws Exception {
        Target target = TargetSpec.parse(args.length > 0 ? args[0] : "localhost")
                .toTarget(OptionalInt.empty(), Optional.empty(), System.getProperty("user.name"));

        // A listener sees each probe end and the phases inside the probes (connect, banner, key exchange…):
        // here it prints a timeline; it could export metrics instead. It runs on engine threads: keep it short.
        DiagnosisListener timeline = new DiagnosisListener() {
            private final long start = System.nanoTime();

            private long at() {
                return (System.nanoTime() - start) / 1_000_000;
            }

            @Override
            public void probeEnd(Target t, ProbeRun run) {
                System.out.printf("%-8s %-8s %5d ms  %s%n", run.name(), run.status().label(), run.millis(), run.summary());
            }

            @Override
            public void connectEnd(Target t, InetSocketAddress address) {
                System.out.printf("  at %4d ms: connected to %s%n", at(), address);
            }

            @Override
            public void bannerReceived(Target t, String identification) {
                // From the network: sanitise before printing.
                System.out.printf("  at %4d ms: server says %s%n", at(), TerminalText.line(identification));
            }

            @Override
            public void kexEnd(Target t, Map<String, String> negotiated) {
                System.out.printf("  at %4d ms: keys in use: %s%n", at(), negotiated);
            }
        };

        // Asynchronously, on an executor of our choosing; diagnose(...) is the synchronous form.
        var executor = Executors.newSingleThreadExecutor();
        CompletableFuture<Report> future = Doctor.create().diagnoseAsync(target,
                DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(5)), timeline, executor);
        Report report = future.get();
        executor.shutdown();

        for (Finding finding : report.findings()) {
            if (finding.severity().needsAction()) {
                System.out.println(finding.severity().label() + " " + finding.id() + ": " + finding.title());
                finding.clientMessage().ifPresent(m -> System.out.println("  ssh says: " + m));
            }
        }
        System.out.print(new JsonRenderer("example").render(report));
        System.exit(report.needsAction() ? 1 : 0);
    }
}
