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
 * The rules a server-wide setting decides, against a real sshd: AllowGroups, a key listed in
 * RevokedKeys, an authorized_keys the user cannot open, a host key readable by others.
 */
class ServerRulesAgainstSshdTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    @RegisterExtension
    static final SshdRig rig = new SshdRig();
    private static OpenSshServer sshd;
    private static Path key;
    private static Path homes;
    private static Path badHostKey;
    private static String member;
    private static String outsider;
    private static String revoked;
    private static String unreadable;

    @BeforeAll
    static void startServer() throws Exception {
        rig.create();
        homes = rig.homes();
        key = rig.key();
        member = rig.withKeys(rig.homeUser("srm", "/bin/sh", "*"), "755", "755", "600");
        outsider = rig.withKeys(rig.homeUser("sro", "/bin/sh", "*"), "755", "755", "600");
        revoked = rig.withKeys(rig.homeUser("srr", "/bin/sh", "*"), "755", "755", "600");
        unreadable = rig.withKeys(rig.homeUser("sru", "/bin/sh", "*"), "755", "755", "root:root", "600");
        Path revokedList = rig.base().resolve("revoked_keys");
        Files.copy(key.resolveSibling("id.pub"), revokedList);
        SystemFixtures.run("chmod", "644", revokedList.toString());
        badHostKey = rig.base().resolve("ssh_host_bad_ed25519_key");
        SystemFixtures.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", badHostKey.toString());
        SystemFixtures.run("chmod", "644", badHostKey.toString());
        // AllowGroups names the member's group; the revoked and unreadable users join it, the outsider does not.
        for (String user : List.of(revoked, unreadable)) {
            SystemFixtures.run("gpasswd", "-a", user, member);
        }
        sshd = rig.start(
                "HostKey " + badHostKey,
                "StrictModes yes",
                "AuthorizedKeysFile .ssh/authorized_keys",
                "AllowGroups " + member,
                "Match User " + revoked,
                "    RevokedKeys " + revokedList,
                "Match all",
                "    AuthorizedKeysFile .ssh/authorized_keys");
    }

    @Test
    void aMemberOfAllowGroupsLogsInAndAnOutsiderIsRefused() throws Exception {
        assertThat(problems(member)).isEmpty();
        assertThat(rig.ssh(member).status()).as(sshd.log()).isZero();

        assertThat(problems(outsider)).extracting(Finding::id).containsExactly(ServerAuthFindings.ACCOUNT_NOT_ALLOWED);
        assertThat(rig.ssh(outsider).status()).isNotZero();
        assertThat(rig.awaitLog("User " + outsider + " from 127.0.0.1 not allowed because none of user's groups are listed"
                + " in AllowGroups")).as(sshd.log()).isTrue();
    }

    @Test
    void aKeyListedInRevokedKeysIsRefusedWithItsFingerprint() throws Exception {
        List<Finding> problems = problems(revoked);
        assertThat(problems).extracting(Finding::id).containsExactly(ServerAuthFindings.REVOKEDKEYS_LISTED);
        assertThat(rig.ssh(revoked).status()).isNotZero();
        assertThat(rig.awaitLog(problems.get(0).evidence().get("sshdLog"))).as(sshd.log()).isTrue();
    }

    @Test
    void aKeysFileTheUserCannotOpenIsRefused() throws Exception {
        List<Finding> problems = problems(unreadable);
        assertThat(problems).extracting(Finding::id).contains(ServerAuthFindings.AUTHKEYS_UNREADABLE);
        assertThat(rig.ssh(unreadable).status()).isNotZero();
        assertThat(rig.awaitLog("Could not open user '" + unreadable + "' authorized keys '"
                + homes.resolve(unreadable).resolve(".ssh/authorized_keys") + "': Permission denied"))
                .as(sshd.log()).isTrue();
    }

    @Test
    void aHostKeyReadableByOthersIsNotLoaded() throws Exception {
        Accounts accounts = Accounts.system();
        List<Finding> findings = new ServerAuthCheck(accounts, SshdBuild.of(SSHD))
                .check(SshdConfig.read(sshd.config()), accounts.byName(member).orElseThrow()).findings();
        assertThat(findings).filteredOn(f -> f.id().equals(ServerAuthFindings.HOSTKEY_BAD_MODES)).singleElement()
                .satisfies(f -> assertThat(sshd.log()).contains(f.evidence().get("sshdLog")));
    }

    /** The warning and error findings for a user, host key findings left out (one bad key is shared by all). */
    private static List<Finding> problems(String user) throws Exception {
        Accounts accounts = Accounts.system();
        return new ServerAuthCheck(accounts, SshdBuild.of(SSHD)).check(SshdConfig.read(sshd.config()),
                        accounts.byName(user).orElseThrow()).findings().stream()
                .filter(f -> f.severity().needsAction() && !f.id().startsWith("SSH-HOSTKEY")).toList();
    }
}
