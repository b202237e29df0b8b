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
 * Each chroot verdict is checked against a real sshd: the layout we call good logs in, the ones we
 * call bad are dropped after authentication, and sshd logs exactly the line the finding quotes.
 */
class ChrootAgainstSshdTest {
    @RegisterExtension
    static final SshdRig rig = new SshdRig();
    private static SystemFixtures fixtures;
    private static OpenSshServer sshd;
    private static String good;
    private static String userOwned;
    private static String writableParent;
    private static String noStartDir;

    @BeforeAll
    static void startServer() throws Exception {
        rig.create();
        fixtures = rig.fixtures();
        Path base = rig.base();
        good = fixtures.user("sdg");
        userOwned = fixtures.user("sdb");
        writableParent = fixtures.user("sdc");
        noStartDir = fixtures.user("sdn");
        Path keys = fixtures.dir(base.resolve("keys"), "root:root", "755");
        for (String user : List.of(good, userOwned, writableParent, noStartDir)) {
            Files.copy(rig.publicKey(), keys.resolve(user));
            SystemFixtures.run("chmod", "644", keys.resolve(user).toString());
        }
        Path jails = fixtures.dir(base.resolve("jails"), "root:root", "755");
        fixtures.dir(jails.resolve(good), "root:root", "755");
        fixtures.dir(jails.resolve(good).resolve("upload"), good + ":" + good, "755");
        fixtures.dir(jails.resolve(userOwned), userOwned + ":" + userOwned, "755");
        fixtures.dir(jails.resolve(noStartDir), "root:root", "755");
        Path groupWritable = fixtures.dir(base.resolve("gw"), "root:root", "775");
        fixtures.dir(groupWritable.resolve(writableParent), "root:root", "755");
        sshd = rig.start(
                "AuthorizedKeysFile " + keys + "/%u",
                "Subsystem sftp internal-sftp",
                "Match User " + writableParent,
                "    ChrootDirectory " + groupWritable + "/%u",
                "    ForceCommand internal-sftp -d /upload",
                "Match User " + good + "," + userOwned + "," + noStartDir,
                "    ChrootDirectory " + jails + "/%u",
                "    ForceCommand internal-sftp -d /upload",
                // The rig's own lines follow: end the Match blocks, and let our keys file win there too
                // (a Match all value replaces a global one, like any Match block's).
                "Match all",
                "    AuthorizedKeysFile " + keys + "/%u");
    }

    @Test
    void rootOwnedJailPassesAndTheLoginStartsInTheUploadDirectory() throws Exception {
        ChrootResult result = check(good);

        assertThat(result.needsAction()).as("%s", result.findings()).isFalse();
        assertThat(result.findings()).extracting(Finding::id).contains(ChrootFindings.OK);
        assertThat(result.request().source()).isEqualTo(sshd.config() + ":7");
        SystemFixtures.Result login = rig.sftp(good, "pwd");
        assertThat(login.status()).as(login.output() + sshd.log()).isZero();
        assertThat(login.output()).contains("Remote working directory: /upload");
    }

    @Test
    void userOwnedJailIsRefusedWithTheLineSshdLogs() throws Exception {
        ChrootResult result = check(userOwned);

        Finding finding = only(result, ChrootFindings.BAD_OWNERSHIP);
        String line = "bad ownership or modes for chroot directory \"" + fixtures.base().resolve("jails")
                .resolve(userOwned) + "\"";
        assertThat(finding.evidence().get("sshdLog")).isEqualTo("fatal: " + line);
        assertThat(finding.fix()).contains("chown root:root").contains("ForceCommand internal-sftp -d /%u");
        SystemFixtures.Result login = rig.sftp(userOwned, "pwd");
        assertThat(login.status()).isNotZero();
        assertThat(login.output()).contains("Connection closed");
        assertThat(rig.awaitLog(line)).as(sshd.log()).isTrue();
    }

    @Test
    void groupWritableParentIsRefusedWithTheComponentLine() throws Exception {
        ChrootResult result = check(writableParent);

        Finding finding = only(result, ChrootFindings.BAD_OWNERSHIP);
        String line = "bad ownership or modes for chroot directory component \"" + fixtures.base().resolve("gw") + "/\"";
        assertThat(finding.evidence().get("sshdLog")).isEqualTo("fatal: " + line);
        assertThat(finding.fix()).isEqualTo("chmod go-w " + fixtures.base().resolve("gw") + "/");
        SystemFixtures.Result login = rig.sftp(writableParent, "pwd");
        assertThat(login.status()).isNotZero();
        assertThat(rig.awaitLog(line)).as(sshd.log()).isTrue();
    }

    @Test
    void missingStartDirectoryIsAWarningAndTheSessionReallyStartsAtTheJailRoot() throws Exception {
        ChrootResult result = check(noStartDir);

        assertThat(result.findings()).extracting(Finding::id).contains(ChrootFindings.OK,
                ChrootFindings.START_DIR_MISSING);
        SystemFixtures.Result login = rig.sftp(noStartDir, "pwd");
        assertThat(login.status()).as(login.output()).isZero();
        assertThat(login.output()).contains("Remote working directory: /\n");
    }

    @Test
    void allUsersFindsExactlyTheAccountsTheMatchBlocksChroot() throws Exception {
        Accounts accounts = Accounts.system();
        List<String> users = new ChrootTargets(SshdConfig.read(sshd.config()), accounts).allUsers().stream()
                .map(r -> r.account().orElseThrow().name()).toList();

        assertThat(users).containsExactlyInAnyOrder(good, userOwned, writableParent, noStartDir);
    }

    private static ChrootResult check(String user) throws Exception {
        Accounts accounts = Accounts.system();
        ChrootTargets targets = new ChrootTargets(SshdConfig.read(sshd.config()), accounts);
        ChrootRequest request = targets.forUser(accounts.byName(user).orElseThrow()).orElseThrow();
        return new ChrootCheck(accounts).check(request);
    }

    private static Finding only(ChrootResult result, String id) {
        assertThat(result.findings()).extracting(Finding::id).containsExactly(id);
        return result.findings().get(0);
    }
}
