package org.sshdoctor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Logs in with the real sftp client (batch mode, a generated key, no config, no known_hosts written). */
public final class SftpLogin {
    private SftpLogin() {}

    /** Generates an ed25519 key pair at {@code dir/id}; returns the private key path. */
    public static Path key(Path dir) throws IOException {
        Path key = dir.resolve("id");
        SystemFixtures.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sshdoctor test", "-f", key.toString());
        return key;
    }

    /** Runs {@code ssh user@127.0.0.1 true} with the key; returns its status and output. */
    public static SystemFixtures.Result ssh(int port, String user, Path key) throws IOException {
        return SystemFixtures.runResult(List.of("ssh", "-F", "/dev/null", "-i", key.toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-p", Integer.toString(port),
                user + "@127.0.0.1", "true"), 40);
    }

    /** Runs {@code sftp -b} with the given batch commands; returns its status and output. */
    public static SystemFixtures.Result sftp(int port, String user, Path key, String... batch) throws IOException {
        Path batchFile = Files.createTempFile("sshdoctor-sftp-", ".batch");
        try {
            Files.write(batchFile, List.of(batch));
            return SystemFixtures.runResult(List.of("sftp", "-F", "/dev/null", "-b", batchFile.toString(),
                    "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10",
                    "-P", Integer.toString(port), user + "@127.0.0.1"), 40);
        } finally {
            Files.deleteIfExists(batchFile);
        }
    }
}
