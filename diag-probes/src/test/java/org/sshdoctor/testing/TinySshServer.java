package org.sshdoctor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real TinySSH server on a loopback high port. tinysshd is inetd-style, so systemd-socket-activate
 * listens and starts one tinysshd per connection.
 */
public final class TinySshServer extends ServerProcess {
    private static final Path TINYSSHD = Path.of("/usr/sbin/tinysshd");
    private static final Path ACTIVATOR = Path.of("/usr/bin/systemd-socket-activate");

    @Override
    protected Path binary() {
        requireInstalled(ACTIVATOR);
        return TINYSSHD;
    }

    @Override
    protected List<String> prepare(Path dir, int port) throws Exception {
        Path keys = dir.resolve("keys");
        if (!Files.exists(keys)) {
            run(List.of("tinysshd-makekey", keys.toString()));
        }
        return List.of(ACTIVATOR.toString(), "--inetd", "-a", "-l", "127.0.0.1:" + port, TINYSSHD.toString(),
                "-v", keys.toString());
    }
}
