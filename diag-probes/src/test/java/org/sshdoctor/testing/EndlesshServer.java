package org.sshdoctor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's endlessh, the SSH tarpit, on a high port with a generated config: it sends an endless slow
 * stream of random pre-banner lines and never an identification. It has no listen-address option, so it
 * listens on every IPv4 address of the machine, on a random high port, for the few seconds a test runs.
 */
public final class EndlesshServer extends ServerProcess {
    private static final Path ENDLESSH = Path.of("/usr/bin/endlessh");
    /** Milliseconds between lines; endlessh's default of 10 s would outlast any test's deadline. */
    public static final int DELAY_MILLIS = 200;

    @Override
    protected Path binary() {
        return ENDLESSH;
    }

    @Override
    protected List<String> prepare(Path dir, int port) throws Exception {
        Path config = dir.resolve("config");
        Files.write(config, List.of("Port " + port, "Delay " + DELAY_MILLIS, "MaxLineLength 32", "MaxClients 16",
                "LogLevel 1", "BindFamily 4"));
        return List.of(ENDLESSH.toString(), "-f", config.toString());
    }
}
