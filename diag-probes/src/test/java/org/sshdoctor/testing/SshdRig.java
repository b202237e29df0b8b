package org.sshdoctor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real sshd with throwaway accounts, for tests that check a verdict against what sshd does: the
 * {@link SystemFixtures} (root only, skipped elsewhere), a client key pair at {@code base/client/id},
 * home directories under {@code base/home}, the sshd, logins with the key, and waiting for a line
 * in sshd's log. Register it as {@code @RegisterExtension static final SshdRig rig = new SshdRig();}
 * and call {@link #create()} from {@code @BeforeAll}; after the class it stops the sshd and removes
 * every account and file.
 */
public final class SshdRig implements AfterAllCallback, AutoCloseable {
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private SystemFixtures fixtures;
    private Path key;
    private Path homes;
    private OpenSshServer sshd;

    /**
     * Creates the fixtures and the client key; skips the test class unless running as root on Linux
     * with useradd (as {@link SystemFixtures#create()}).
     */
    public void create() throws IOException {
        fixtures = SystemFixtures.create();
        key = SftpLogin.key(fixtures.dir(fixtures.base().resolve("client"), "root:root", "700"));
    }

    public SystemFixtures fixtures() {
        return fixtures;
    }

    public Path base() {
        return fixtures.base();
    }

    /** The client's private key; its public half is {@link #publicKey()}. */
    public Path key() {
        return key;
    }

    public Path publicKey() {
        return key.resolveSibling("id.pub");
    }

    /** The root-owned directory the home directories of {@link #homeUser} accounts go in. */
    public Path homes() throws IOException {
        if (homes == null) {
            homes = fixtures.dir(base().resolve("home"), "root:root", "755");
        }
        return homes;
    }

    /** A fresh account whose home directory is {@code homes()/NAME} (not created yet). */
    public String homeUser(String prefix, String shell, String password) throws IOException {
        return fixtures.user(prefix, homes(), shell, password);
    }

    /** {@link #withKeys(String, String, String, String, String)} with authorized_keys owned by the user. */
    public String withKeys(String user, String homeMode, String sshDirMode, String keysMode) throws IOException {
        return withKeys(user, homeMode, sshDirMode, user + ":" + user, keysMode);
    }

    /**
     * Creates the user's home and {@code ~/.ssh} owned by the user with these modes, and puts the
     * client's public key in {@code ~/.ssh/authorized_keys} with this owner and mode.
     *
     * @return the user, for chaining
     */
    public String withKeys(String user, String homeMode, String sshDirMode, String keysOwner, String keysMode)
            throws IOException {
        Path home = fixtures.dir(homes().resolve(user), user + ":" + user, homeMode);
        Path ssh = fixtures.dir(home.resolve(".ssh"), user + ":" + user, sshDirMode);
        Path keys = ssh.resolve("authorized_keys");
        Files.copy(publicKey(), keys);
        SystemFixtures.run("chown", keysOwner, keys.toString());
        SystemFixtures.run("chmod", keysMode, keys.toString());
        return user;
    }

    /** Starts an sshd with these sshd_config lines first (see {@link OpenSshServer}). */
    public OpenSshServer start(String... config) throws Exception {
        sshd = new OpenSshServer(config);
        sshd.start();
        return sshd;
    }

    public OpenSshServer sshd() {
        return sshd;
    }

    /** {@code ssh user@127.0.0.1 true} with the client key. */
    public SystemFixtures.Result ssh(String user) throws IOException {
        return SftpLogin.ssh(sshd.port(), user, key);
    }

    /** {@code sftp -b} with these batch commands and the client key. */
    public SystemFixtures.Result sftp(String user, String... batch) throws IOException {
        return SftpLogin.sftp(sshd.port(), user, key, batch);
    }

    /** Whether sshd's log contains {@code text} within ten seconds (sshd may log after the client exits). */
    public boolean awaitLog(String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(LOG_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (sshd.log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (sshd != null) {
            sshd.stop();
        }
        if (fixtures != null) {
            fixtures.close();
        }
    }
}
