package org.sshdoctor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code ssh-agent -D -a SOCKET} owned by the test: started, loaded with ssh-add, stopped by its own handle. */
final class TestAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;

    TestAgent(Path socket) throws Exception {
        this.socket = socket;
        this.process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(25);
        }
        if (!Files.exists(socket)) {
            close();
            throw new IllegalStateException("ssh-agent did not create " + socket);
        }
    }

    Path socket() {
        return socket;
    }

    void add(Path key) throws Exception {
        Tools.run(List.of("ssh-add", "-q", key.toString()), "SSH_AUTH_SOCK", socket.toString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
