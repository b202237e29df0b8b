package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sshdoctor chroot}: exit codes for CI, valid JSON, JUnit XML, usage errors. */
class ChrootCommandTest {
    @TempDir(factory = RootOwnedTempDir.class)
    Path base;

    @BeforeEach
    void rootOwnedBase() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CI runs as root)");
    }

    @Test
    void aGoodJailExitsZeroAndWritesAPassingJUnitCase() throws Exception {
        Path jail = Files.createDirectory(base.resolve("jail"));
        Files.setPosixFilePermissions(jail, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path junit = base.resolve("report.xml");

        CliRun run = CliRun.of("chroot", jail.toString(), "--junit", junit.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("No problems found.");
        assertThat(Files.readString(junit)).contains("tests=\"1\"").contains("failures=\"0\"");
    }

    @Test
    void aGroupWritableJailExitsOneWithTheSshdLineInJsonAndJUnit() throws Exception {
        Path jail = Files.createDirectory(base.resolve("jail"));
        Files.setPosixFilePermissions(jail, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path junit = base.resolve("report.xml");

        CliRun run = CliRun.of("chroot", jail.toString(), "--json", "--junit", junit.toString());

        assertThat(run.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode finding = json.at("/checks/0/findings/0");
        assertThat(finding.get("id").asText()).isEqualTo("SSH-CHROOT-BAD-OWNERSHIP");
        assertThat(finding.at("/evidence/sshdLog").asText())
                .isEqualTo("fatal: bad ownership or modes for chroot directory \"" + jail + "\"");
        assertThat(json.at("/checks/0/passed").asBoolean()).isFalse();
        assertThat(Files.readString(junit)).contains("failures=\"1\"").contains("type=\"SSH-CHROOT-BAD-OWNERSHIP\"");
        try (var leftovers = Files.list(base)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void theUsersChrootComesFromTheMatchBlockOfTheConfig() throws Exception {
        Path jail = Files.createDirectories(base.resolve("sftp/root"));
        Files.setPosixFilePermissions(base.resolve("sftp"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jail, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.writeString(base.resolve("sshd_config"), String.join("\n",
                "Subsystem sftp internal-sftp",
                "Match User nobody,root",
                "    ChrootDirectory " + base + "/sftp/%u",
                "    ForceCommand internal-sftp -d /missing", ""));

        CliRun run = CliRun.of("chroot", "--sshd-config", config.toString(), "--user", "root");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("ChrootDirectory " + base + "/sftp/%u -> " + jail + "  (" + config + ":3)")
                .contains("[SSH-CHROOT-START-DIR-MISSING]");
    }

    @Test
    void helpPrintsTheTokensAndNoFormattingWarnings() {
        for (String command : new String[] {"chroot", "local"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.err()).as(command).isEmpty();
        }
        assertThat(CliRun.of("chroot", "--help").out()).contains("Expands ~, %h, %u, %U and %% for the user");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(CliRun.of("chroot").code()).isEqualTo(2);
        CliRun tokens = CliRun.of("chroot", "/srv/%u");
        assertThat(tokens.code()).isEqualTo(2);
        assertThat(tokens.err().strip()).isEqualTo("sshdoctor: the chroot path /srv/%u contains %-tokens: give --user NAME");
        CliRun unknown = CliRun.of("chroot", "--user", "no-such-user-sshdoctor", "/srv");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(CliRun.of("chroot", "--all-users", "--user", "root").code()).isEqualTo(2);
        CliRun json = CliRun.of("chroot", "--json", "/srv/%u");
        assertThat(json.out()).contains("\"kind\" : \"usage\"");
    }
}
