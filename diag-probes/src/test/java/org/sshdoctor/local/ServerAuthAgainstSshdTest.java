package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.model.Finding;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.SshdRig;
import org.sshdoctor.testing.SystemFixtures;

/**
 * Each {@code local --server} verdict is checked against a real sshd with StrictModes yes and real
 * home directories: the login works or fails as predicted, and sshd logs the line the finding quotes.
 */
class ServerAuthAgainstSshdTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    @RegisterExtension
    static final SshdRig rig = new SshdRig();
    private static OpenSshServer sshd;
    private static Path key;
    private static Path homes;
    private static String good;
    private static String privateGroup;
    private static String worldWritableKeys;
    private static String locked;
    private static String noShell;
    private static String denied;
    private static String revoked;
    private static String linted;

    @BeforeAll
    static void startServer() throws Exception {
        rig.create();
        homes = rig.homes();
        key = rig.key();
        good = rig.withKeys(rig.homeUser("sag", "/bin/sh", "*"), "755", "700", "600");
        privateGroup = rig.withKeys(rig.homeUser("sap", "/bin/sh", "*"), "775", "700", "600");
        worldWritableKeys = rig.withKeys(rig.homeUser("saw", "/bin/sh", "*"), "755", "700", "666");
        locked = rig.withKeys(rig.homeUser("sal", "/bin/sh", "!"), "755", "700", "600");
        noShell = rig.withKeys(rig.homeUser("sas", "/nonexistent/sh", "*"), "755", "700", "600");
        denied = rig.withKeys(rig.homeUser("sad", "/bin/sh", "*"), "755", "700", "600");
        revoked = rig.withKeys(rig.homeUser("sar", "/bin/sh", "*"), "755", "700", "600");
        linted = rig.withKeys(rig.homeUser("sak", "/bin/sh", "*"), "755", "700", "600");
        sshd = rig.start(
                "StrictModes yes",
                "AuthorizedKeysFile .ssh/authorized_keys",
                "DenyUsers " + denied,
                "Match User " + revoked,
                "    RevokedKeys " + rig.base().resolve("no-such-revoked-list"),
                // The rig's own lines follow: end the Match block, and keep our keys file in the Match pass too.
                "Match all",
                "    AuthorizedKeysFile .ssh/authorized_keys");
    }

    @Test
    void aCorrectSetupIsAcceptedAndTheLoginWorks() throws Exception {
        ServerAuthResult result = check(good);

        assertThat(result.needsAction()).as("%s", result.findings()).isFalse();
        assertThat(result.findings()).extracting(Finding::id).contains(ServerAuthFindings.STRICTMODES_OK);
        assertThat(rig.ssh(good).status()).as(sshd.log()).isZero();
    }

    @Test
    void aGroupWritableHomeFollowsTheInstalledSshdsGroupRuleBothWays() throws Exception {
        boolean debian = SshdBuild.of(SSHD).debianGroupRule();
        Path home = homes.resolve(privateGroup);

        ServerAuthResult alone = check(privateGroup);
        if (debian) {
            assertThat(alone.needsAction()).as("%s", alone.findings()).isFalse();
            assertThat(alone.findings()).extracting(Finding::id).contains(ServerAuthFindings.STRICTMODES_DEBIAN_GROUP);
            assertThat(rig.ssh(privateGroup).status()).as(sshd.log()).isZero();
        }

        SystemFixtures.run("gpasswd", "-a", good, privateGroup);
        try {
            ServerAuthResult shared = check(privateGroup);
            String line = "Authentication refused: bad ownership or modes for directory " + home;
            assertThat(shared.findings()).filteredOn(f -> f.id().equals(ServerAuthFindings.STRICTMODES_DIR))
                    .singleElement().satisfies(f -> assertThat(f.evidence().get("sshdLog")).isEqualTo(line));
            assertThat(rig.ssh(privateGroup).status()).isNotZero();
            assertThat(rig.awaitLog(line)).as(sshd.log()).isTrue();
        } finally {
            SystemFixtures.run("gpasswd", "-d", good, privateGroup);
        }
    }

    @Test
    void aWorldWritableKeysFileIsRefused() throws Exception {
        String line = "Authentication refused: bad ownership or modes for file "
                + homes.resolve(worldWritableKeys).resolve(".ssh/authorized_keys");
        assertRefused(worldWritableKeys, ServerAuthFindings.STRICTMODES_FILE, line);
    }

    @Test
    void aLockedAccountIsRefusedEvenWithAKey() throws Exception {
        assertRefused(locked, ServerAuthFindings.ACCOUNT_LOCKED, "User " + locked + " not allowed because account is locked");
    }

    @Test
    void aMissingShellIsRefused() throws Exception {
        assertRefused(noShell, ServerAuthFindings.ACCOUNT_NO_SHELL,
                "User " + noShell + " not allowed because shell /nonexistent/sh does not exist");
    }

    @Test
    void denyUsersIsRefused() throws Exception {
        ServerAuthResult result = check(denied);
        Finding finding = only(result, ServerAuthFindings.ACCOUNT_NOT_ALLOWED);
        // Without a client address we cannot know the "from" part; sshd logs the real one.
        assertThat(finding.evidence().get("sshdLog")).endsWith("not allowed because listed in DenyUsers");
        assertThat(rig.ssh(denied).status()).isNotZero();
        assertThat(rig.awaitLog("User " + denied + " from 127.0.0.1 not allowed because listed in DenyUsers"))
                .as(sshd.log()).isTrue();
    }

    @Test
    void aMissingRevokedKeysFileRefusesEveryKey() throws Exception {
        ServerAuthResult result = check(revoked);
        Finding finding = only(result, ServerAuthFindings.REVOKEDKEYS_MISSING);
        assertThat(rig.ssh(revoked).status()).isNotZero();
        assertThat(rig.awaitLog(finding.evidence().get("sshdLog"))).as(sshd.log()).isTrue();
    }

    @Test
    void linesTheLintCallsBrokenReallyFailAndACleanLineWorks() throws Exception {
        String[] pub = Files.readString(key.resolveSibling("id.pub")).strip().split(" ");
        String keyOnly = pub[0] + " " + pub[1];
        Path file = homes.resolve(linted).resolve(".ssh/authorized_keys");
        String[][] cases = {
            {"no-pty, no-agent-forwarding " + keyOnly + "\n", ServerAuthFindings.AUTHKEYS_BAD_OPTIONS},
            {pub[0] + " " + pub[1].substring(0, 30) + "\n" + pub[1].substring(30) + "\n", ServerAuthFindings.AUTHKEYS_WRAPPED},
            {pub[1] + "\n", ServerAuthFindings.AUTHKEYS_NO_TYPE},
            {"from=\"localhost\" " + keyOnly + "\n", ServerAuthFindings.AUTHKEYS_FROM_PATTERN},
        };
        for (String[] c : cases) {
            Files.writeString(file, c[0]);
            ServerAuthResult result = check(linted);
            assertThat(result.findings()).extracting(Finding::id).as(c[1]).contains(c[1]);
            assertThat(rig.ssh(linted).status()).as(c[1]).isNotZero();
        }
        // CR LF endings are only information: sshd's base64 decoder skips the CR, with or without a comment.
        for (String line : List.of(keyOnly + "\r\n", "restrict " + keyOnly + " with a comment\r\n")) {
            Files.writeString(file, line);
            ServerAuthResult result = check(linted);
            assertThat(result.findings()).extracting(Finding::id).contains(ServerAuthFindings.AUTHKEYS_CRLF);
            assertThat(result.needsAction()).as("%s", result.findings()).isFalse();
            assertThat(rig.ssh(linted).status()).as(line).isZero();
        }
    }

    private static void assertRefused(String user, String id, String line) throws Exception {
        ServerAuthResult result = check(user);
        Finding finding = only(result, id);
        assertThat(finding.evidence().get("sshdLog")).isEqualTo(line);
        assertThat(rig.ssh(user).status()).isNotZero();
        assertThat(rig.awaitLog(line)).as(sshd.log()).isTrue();
    }

    private static Finding only(ServerAuthResult result, String id) {
        List<Finding> problems = result.findings().stream().filter(f -> f.severity().needsAction()).toList();
        assertThat(problems).extracting(Finding::id).containsExactly(id);
        return problems.get(0);
    }

    private static ServerAuthResult check(String user) throws Exception {
        Accounts accounts = Accounts.system();
        return new ServerAuthCheck(accounts, SshdBuild.of(SSHD))
                .check(SshdConfig.read(sshd.config()), accounts.byName(user).orElseThrow());
    }
}
