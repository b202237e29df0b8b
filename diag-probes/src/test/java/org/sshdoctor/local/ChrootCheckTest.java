package org.sshdoctor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.Accounts;
import org.sshdoctor.testing.SystemFixtures;

/** The chroot rules on real trees with real owners and modes (needs root, as in CI). */
class ChrootCheckTest {
    private SystemFixtures fixtures;
    private final Account fred = new Account("fred", 4242, 4242, Path.of("/home/fred"), "/bin/sh");
    private final ChrootCheck check = new ChrootCheck(Accounts.system());

    @BeforeEach
    void setUp() throws Exception {
        fixtures = SystemFixtures.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixtures.close();
    }

    private List<Finding> findings(String configured, Optional<Account> account, Optional<String> sftp) {
        return check.check(new ChrootRequest(configured, "test", account, sftp)).findings();
    }

    @Test
    void tokensExpandForTheUserAndAGoodJailPasses() throws Exception {
        fixtures.dir(fixtures.base().resolve("fred"), "root:root", "755");
        ChrootResult result = check.check(new ChrootRequest(fixtures.base() + "/%u", "test", Optional.of(fred),
                Optional.empty()));

        assertThat(result.expanded()).contains(fixtures.base() + "/fred");
        assertThat(result.findings()).extracting(Finding::id).containsExactly(ChrootFindings.OK);
    }

    @Test
    void everyBadComponentIsReportedWithItsOwnFix() throws Exception {
        fixtures.dir(fixtures.base().resolve("shared"), "4242:4242", "775");
        fixtures.dir(fixtures.base().resolve("shared/jail"), "root:root", "757");

        List<Finding> findings = findings(fixtures.base() + "/shared/jail", Optional.empty(), Optional.empty());

        assertThat(findings).extracting(Finding::id).containsOnly(ChrootFindings.BAD_OWNERSHIP).hasSize(2);
        assertThat(findings.get(0).evidence().get("sshdLog")).isEqualTo(
                "fatal: bad ownership or modes for chroot directory component \"" + fixtures.base() + "/shared/\"");
        assertThat(findings.get(0).fix()).startsWith("chown root:root " + fixtures.base() + "/shared/ && chmod go-w");
        assertThat(findings.get(1).evidence().get("sshdLog")).isEqualTo(
                "fatal: bad ownership or modes for chroot directory \"" + fixtures.base() + "/shared/jail\"");
        assertThat(findings.get(1).fix()).isEqualTo("chmod go-w " + fixtures.base() + "/shared/jail");
    }

    @Test
    void aRootOwnedFileIsNotADirectoryAndAMissingPathNamesTheComponent() throws Exception {
        Path file = fixtures.base().resolve("file");
        Files.writeString(file, "x");
        SystemFixtures.run("chmod", "644", file.toString());

        assertThat(findings(file.toString(), Optional.empty(), Optional.empty())).singleElement()
                .satisfies(f -> assertThat(f.evidence().get("sshdLog"))
                        .isEqualTo("fatal: chroot path \"" + file + "\" is not a directory"));
        assertThat(findings(file + "/below", Optional.empty(), Optional.empty())).singleElement()
                .satisfies(f -> assertThat(f.evidence().get("sshdLog"))
                        .isEqualTo("fatal: safely_chroot: stat(\"" + file + "/\"): Not a directory"));
        assertThat(findings(fixtures.base() + "/none/jail", Optional.empty(), Optional.empty())).singleElement()
                .satisfies(f -> {
                    assertThat(f.id()).isEqualTo(ChrootFindings.MISSING);
                    assertThat(f.evidence().get("sshdLog")).isEqualTo("fatal: safely_chroot: stat(\""
                            + fixtures.base() + "/none/\"): No such file or directory");
                });
    }

    @Test
    void relativePathsAndUnknownTokensFailLikeSshd() {
        assertThat(findings("jail/%u", Optional.of(fred), Optional.empty())).singleElement()
                .satisfies(f -> {
                    assertThat(f.id()).isEqualTo(ChrootFindings.NOT_ABSOLUTE);
                    assertThat(f.evidence().get("sshdLog")).isEqualTo("fatal: chroot path does not begin at root");
                });
        assertThat(findings("/srv/%d", Optional.of(fred), Optional.empty())).singleElement()
                .satisfies(f -> assertThat(f.evidence().get("sshdLog"))
                        .isEqualTo("error: vdollar_percent_expand: unknown key %d"));
        assertThatThrownBy(() -> findings("/srv/%u", Optional.empty(), Optional.empty()))
                .isInstanceOf(ChrootCheck.MissingUserException.class).hasMessageContaining("--user");
    }

    @Test
    void devLogIsAWarningOnlyWhenInternalSftpLogs() throws Exception {
        Path jail = fixtures.dir(fixtures.base().resolve("jail"), "root:root", "755");

        assertThat(findings(jail.toString(), Optional.of(fred), Optional.of("internal-sftp -l INFO")))
                .filteredOn(f -> f.id().equals(ChrootFindings.NO_DEV_LOG)).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(findings(jail.toString(), Optional.of(fred), Optional.of("internal-sftp")))
                .filteredOn(f -> f.id().equals(ChrootFindings.NO_DEV_LOG)).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.INFO);
        assertThat(findings(jail.toString(), Optional.of(fred), Optional.of("/usr/lib/openssh/sftp-server")))
                .extracting(Finding::id).contains(ChrootFindings.SFTP_SERVER_NOT_IN_JAIL);
    }
}
