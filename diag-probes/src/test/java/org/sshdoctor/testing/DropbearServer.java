package org.sshdoctor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real Dropbear server on a loopback high port, with an ed25519 host key in a temp dir. */
public final class DropbearServer extends ServerProcess {
    private static final Path DROPBEAR = Path.of("/usr/sbin/dropbear");

    @Override
    protected Path binary() {
        return DROPBEAR;
    }

    @Override
    protected List<String> prepare(Path dir, int port) throws Exception {
        Path key = dir.resolve("dropbear_ed25519_host_key");
        if (!Files.exists(key)) {
            run(List.of("dropbearkey", "-t", "ed25519", "-f", key.toString()));
        }
        return List.of(DROPBEAR.toString(), "-F", "-E", "-p", "127.0.0.1:" + port, "-r", key.toString(),
                "-P", dir.resolve("dropbear.pid").toString());
    }
}
