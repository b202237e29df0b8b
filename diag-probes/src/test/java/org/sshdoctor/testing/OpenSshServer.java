package org.sshdoctor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH sshd on a loopback high port: {@code sshd -D -e -f <generated config>} with host keys
 * generated into a temp dir. Extra sshd_config lines come first, so they win (sshd takes the first
 * value it reads).
 *
 * <pre>{@code @RegisterExtension static final OpenSshServer SSHD = new OpenSshServer("PasswordAuthentication no");}</pre>
 */
public final class OpenSshServer extends ServerProcess {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private final List<String> extraConfig;
    private final List<String> keyTypes;

    public OpenSshServer(String... extraConfig) {
        this(List.of("ed25519", "ecdsa", "rsa"), extraConfig);
    }

    public OpenSshServer(List<String> keyTypes, String... extraConfig) {
        this.keyTypes = List.copyOf(keyTypes);
        this.extraConfig = List.of(extraConfig);
    }

    @Override
    protected Path binary() {
        return SSHD;
    }

    public Path config() {
        return directory().resolve("sshd_config");
    }

    public Path authorizedKeys() {
        return directory().resolve("authorized_keys");
    }

    @Override
    protected List<String> prepare(Path dir, int port) throws Exception {
        // sshd needs its privilege separation directory; other jobs on a shared machine may remove it.
        Files.createDirectories(Path.of("/run/sshd"));
        List<String> config = new ArrayList<>(extraConfig);
        for (String type : keyTypes) {
            Path key = dir.resolve("ssh_host_" + type + "_key");
            if (!Files.exists(key)) {
                run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test host key", "-f", key.toString()));
            }
            config.add("HostKey " + key);
        }
        if (!Files.exists(authorizedKeysPath(dir))) {
            Files.createFile(authorizedKeysPath(dir));
        }
        config.addAll(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeysPath(dir),
                "StrictModes no",
                "UsePAM no",
                "LogLevel VERBOSE"));
        Files.write(dir.resolve("sshd_config"), config);
        return List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString());
    }

    private static Path authorizedKeysPath(Path dir) {
        return dir.resolve("authorized_keys");
    }
}
