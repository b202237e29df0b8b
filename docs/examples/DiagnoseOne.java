import java.time.Duration;
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

        // A listener sees each probe end: here it prints a timeline; it could export metrics instead.
        DiagnosisListener timeline = new DiagnosisListener() {
            @Override
            public void probeEnd(Target t, ProbeRun run) {
                System.out.printf("%-8s %-8s %5d ms  %s%n", run.name(), run.status().label(), run.millis(), run.summary());
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
