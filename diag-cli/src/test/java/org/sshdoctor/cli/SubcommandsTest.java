package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lazily added subcommands behave as if the root command declared them all. */
class SubcommandsTest {

    @Test
    void everyNameIsTheCommandsOwnName() {
        CommandLine root = new CommandLine(new SshDoctorCommand(null));
        Subcommands.addTo(root);
        List<String> names = new ArrayList<>();
        Subcommands.names().forEach(names::add);
        assertThat(root.getSubcommands().keySet()).containsExactlyElementsOf(names);
    }

    @Test
    void onlyTheCommandsThatConnectWarmTheSshClientUp() {
        assertThat(Main.mayConnect(new String[] {"explain", "Connection refused"})).isFalse();
        assertThat(Main.mayConnect(new String[] {"scan", "host"})).isTrue();
        assertThat(Main.mayConnect(new String[] {"host.example.org"})).isTrue();
        assertThat(Main.mayConnect(new String[] {"--help"})).isFalse();
        for (String name : Subcommands.names()) {
            assertThat(Subcommands.isOffline(name)).as(name).isEqualTo(!name.equals("demo") && !name.equals("scan"));
        }
    }

    @Test
    void rootHelpListsEveryCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.code()).isZero();
        for (String name : Subcommands.names()) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + name + "\\s");
        }
    }

    @Test
    void helpReachesACommandOtherThanItself() {
        CliRun run = CliRun.of("help", "explain");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: sshdoctor explain");
    }

    @Test
    void aCommandNamedFirstStillRunsAndRootOptionsBeforeItStillWork() {
        assertThat(CliRun.of("kb", "SSH-TCP-REFUSED").out()).contains("SSH-TCP-REFUSED");
        assertThat(CliRun.of("--no-color", "kb", "SSH-TCP-REFUSED").out()).contains("SSH-TCP-REFUSED");
    }

    @Test
    void aMisspeltCommandIsStillRecognisedAsATargetNotACommand() {
        CliRun run = CliRun.of("--timeout", "1", "explian.invalid");
        assertThat(run.out()).contains("explian.invalid");
    }
}
