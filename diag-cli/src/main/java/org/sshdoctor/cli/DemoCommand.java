package org.sshdoctor.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sshdoctor.Doctor;
import org.sshdoctor.demo.DemoServer;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.EngineFindings;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.render.JsonRenderer;
import org.sshdoctor.render.TextRenderer;
import org.sshdoctor.ssh.HandshakeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sshdoctor demo}: starts a deliberately misconfigured SSH server inside this process on a free
 * loopback port, diagnoses it exactly as {@code sshdoctor 127.0.0.1 -p PORT} would, and explains what
 * was planted. Needs nothing but Java: no sshd, no network, no files of the user (no known_hosts).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Diagnoses an embedded, deliberately misconfigured SSH server.",
        description = {"Starts an SSH server inside sshdoctor on 127.0.0.1 (a free port) that signs its host key only "
                + "with ssh-rsa (SHA-1) and refuses passwords, then diagnoses it as 'sshdoctor 127.0.0.1 -p PORT' would. "
                + "Works offline, with nothing but Java installed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at warning or error level (the local client still accepts ssh-rsa)",
            "1:warning or error findings (the expected outcome: the planted problems were found)",
            "2:usage error",
            "3:internal error (a bug in sshdoctor)",
        })
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    SshDoctorCommand parent;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        String user = System.getProperty("user.name", "demo");
        Report report;
        int port;
        try (DemoServer server = DemoServer.start()) {
            port = server.port();
            if (!output.json) {
                environment.out().println("Started a demo SSH server (Apache MINA SSHD, inside sshdoctor) on 127.0.0.1 port "
                        + port + ". Planted problems:");
                DemoServer.PROBLEMS.forEach(p -> environment.out().println("  - " + p));
                environment.out().println("Diagnosing it as 'sshdoctor " + user + "@127.0.0.1 -p " + port + "' would:");
                environment.out().println();
                environment.out().flush();
            }
            // No known_hosts: the demo must not read (or depend on) the user's files.
            HandshakeOptions options = HandshakeOptions.defaults().withKnownHosts(List.of());
            report = Doctor.create(options).diagnose(Target.of("127.0.0.1", port, user),
                    DiagnosisOptions.withPhaseTimeout(SshDoctorCommand.parseTimeout("10")), DiagnosisListener.NONE);
        }
        if (output.json) {
            environment.out().print(new JsonRenderer(Version.VALUE).render(report));
        } else {
            environment.out().print(new TextRenderer(output.colour(environment), output.verbosity() > 0).render(report));
            environment.out().println();
            environment.out().println("Each finding has an article: 'sshdoctor kb ID'. Try 'sshdoctor demo --json', or"
                    + " 'sshdoctor YOUR-HOST' next.");
        }
        environment.out().flush();
        if (!report.findings(EngineFindings.PROBE_CRASHED).isEmpty()) {
            return ExitCodes.INTERNAL;
        }
        return report.needsAction() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
