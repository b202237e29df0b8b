package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.testing.OpenSshServer;

/** The example in docs/library.md must compile and run against the library as it is. */
class LibraryExampleTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @Test
    void theDocumentedExampleDiagnosesARealServer() throws Exception {
        Path example = Path.of("..", "docs", "examples", "DiagnoseOne.java").toAbsolutePath().normalize();
        assertThat(example).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                example.toString(), "tester@127.0.0.1:" + SSHD.port()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("banner   ok").contains("\"findings\"")
                .contains("server says SSH-2.0-OpenSSH").contains("keys in use: {kex=");
        assertThat(Files.readString(Path.of("..", "docs", "library.md"))).contains("DiagnoseOne.java");
    }
}
