package org.sshdoctor.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The training run of the class-data-sharing archive (diag-cli/pom.xml runs it at package time with
 * {@code -XX:ArchiveClassesAtExit=target/sshdoctor.jsa}; {@code ./sshdoctor} then starts with that
 * archive). A dynamic archive holds the classes one JVM loaded, so this runs the common commands
 * in one process: version, help, kb, explain (text and JSON) and a diagnosis that is refused on
 * loopback port 1. Nothing leaves the machine; output is discarded.
 */
final class CdsTraining {
    private static final List<List<String>> RUNS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("kb"),
            List.of("kb", "SSH-TCP-REFUSED"),
            List.of("kb", "--json", "SSH-TCP-REFUSED"),
            List.of("explain", "ssh: connect to host h port 22: Connection refused"),
            List.of("explain", "--json", "Permission denied (publickey)."),
            List.of("--timeout", "2", "127.0.0.1:1"),
            List.of("--json", "--timeout", "2", "127.0.0.1:1"));

    private CdsTraining() {}

    public static void main(String[] args) {
        Main.configureLogging(0);
        System.setProperty("java.net.preferIPv6Addresses", "system");
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Main.printVersion(new String[] {"--version"}, discard);
        for (List<String> run : RUNS) {
            Environment environment = new Environment(discard, discard,
                    new ByteArrayInputStream(new byte[0]), Map.of(), false);
            Cli.run(environment, run.toArray(String[]::new));
        }
    }
}
