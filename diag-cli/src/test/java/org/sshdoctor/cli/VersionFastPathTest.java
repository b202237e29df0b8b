package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Main answers a bare --version without picocli (for start-up speed): it must say what picocli says. */
class VersionFastPathTest {
    @Test
    void fastPathPrintsExactlyWhatPicocliPrints() {
        for (String flag : new String[] {"--version", "-V"}) {
            StringWriter fast = new StringWriter();
            assertThat(Main.printVersion(new String[] {flag}, new PrintWriter(fast))).isTrue();
            CliRun picocli = CliRun.of(flag);
            assertThat(picocli.code()).isZero();
            assertThat(fast.toString()).as(flag).isEqualTo(picocli.out()).startsWith("sshdoctor 0.1.0");
        }
    }

    @Test
    void anythingElseGoesThroughPicocli() {
        StringWriter out = new StringWriter();
        assertThat(Main.printVersion(new String[] {"kb", "--version"}, new PrintWriter(out))).isFalse();
        assertThat(Main.printVersion(new String[] {"--version", "--json"}, new PrintWriter(out))).isFalse();
        assertThat(Main.printVersion(new String[] {"--", "--version"}, new PrintWriter(out))).isFalse();
        assertThat(Main.printVersion(new String[0], new PrintWriter(out))).isFalse();
        assertThat(out.toString()).isEmpty();
    }
}
