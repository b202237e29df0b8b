package org.sshdoctor.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.openssh.Patterns;

/** sshd_config resolution: Include, Match (negation, CIDR, Group, LocalPort), first value wins, accumulation. */
class SshdConfigTest {
    @TempDir
    Path dir;
    private SshdConfig config;

    static ConnectionSpec spec(String user, List<String> groups, String host, String address) {
        return new ConnectionSpec(Optional.ofNullable(user), groups, Optional.ofNullable(host),
                Optional.ofNullable(address), Optional.empty(), OptionalInt.empty());
    }

    static void writeSample(Path dir) throws Exception {
        Path confd = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confd.resolve("10-a.conf"), "PermitRootLogin no\nMatch User alice\n"
                + "    AuthorizedKeysFile /etc/ssh/keys/%u\n");
        Files.writeString(confd.resolve("20-b.conf"), "MaxAuthTries 4\n");
        Files.writeString(confd.resolve(".hidden.conf"), "PermitRootLogin yes\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "HostKey " + dir.resolve("hk"),
                "# a comment",
                "Include " + confd + "/*.conf",
                "MaxAuthTries 5",
                "AllowUsers root alice@10.0.0.0/8 bob",
                "AllowUsers carol \"dave\"  # trailing comment",
                "Subsystem sftp /usr/lib/openssh/sftp-server -l INFO",
                "StrictModes=no",
                "PasswordAuthentication yes",
                "Match User alice,!mallory Address 10.1.0.0/16,!10.1.2.3",
                "    PasswordAuthentication no",
                "    ChrootDirectory /srv/%u",
                "    ForceCommand   internal-sftp -d /%u -l VERBOSE",
                "Match Group root",
                "    ChrootDirectory /srv/group",
                "    AllowUsers erin",
                "Match LocalPort 2222",
                "    MaxAuthTries 2",
                "Match Host *.Example.org",
                "    PermitRootLogin forced-commands-only",
                "Match all",
                "    LogLevel VERBOSE",
                ""));
    }

    @BeforeEach
    void parse() throws Exception {
        writeSample(dir);
        config = SshdConfig.read(dir.resolve("sshd_config"));
    }

    @Test
    void aCleanConfigHasNoProblemsAndIncludesExpandInSortedOrderWithoutDotFiles() {
        assertThat(config.problems()).isEmpty();
        Setting root = config.setting("permitrootlogin", spec(null, List.of(), null, null));
        assertThat(root.values()).containsExactly("no");
        assertThat(root.source()).isEqualTo(dir.resolve("conf.d/10-a.conf") + ":1");
        // 20-b.conf is read before line 4 of the main file: the first value wins.
        assertThat(config.setting("MaxAuthTries", spec(null, List.of(), null, null)).first()).contains("4");
    }

    @Test
    void aMatchBlockInAnIncludedFileEndsWithThatFile() {
        Setting keys = config.setting("AuthorizedKeysFile", spec("alice", List.of(), null, null));
        assertThat(keys.values()).containsExactly("/etc/ssh/keys/%u");
        assertThat(config.setting("MaxAuthTries", spec("alice", List.of(), null, null)).first()).contains("4");
        assertThat(config.setting("AuthorizedKeysFile", spec("bob", List.of(), null, null)).isDefault()).isTrue();
    }

    @Test
    void matchValuesReplaceGlobalOnesAndNegationOrCidrExclude() {
        ConnectionSpec alice = spec("alice", List.of("alice"), "h.example.org", "10.1.5.5");
        assertThat(config.setting("PasswordAuthentication", alice).first()).contains("no");
        assertThat(config.setting("ChrootDirectory", alice).first()).contains("/srv/%u");
        assertThat(config.setting("ForceCommand", alice).raw()).contains("internal-sftp -d /%u -l VERBOSE");
        assertThat(config.setting("PermitRootLogin", alice).first()).contains("forced-commands-only");

        ConnectionSpec excludedAddress = spec("alice", List.of(), null, "10.1.2.3");
        assertThat(config.setting("PasswordAuthentication", excludedAddress).first()).contains("yes");
        ConnectionSpec mallory = spec("mallory", List.of(), null, "10.1.5.5");
        assertThat(config.setting("ChrootDirectory", mallory).isSetToSomething()).isFalse();
    }

    @Test
    void allowUsersAccumulatesAcrossLinesAndAMatchingBlockReplacesTheList() {
        assertThat(config.setting("AllowUsers", spec("bob", List.of(), null, null)).values())
                .containsExactly("root", "alice@10.0.0.0/8", "bob", "carol", "dave");
        assertThat(config.setting("AllowUsers", spec("root", List.of("root"), null, null)).values())
                .containsExactly("erin");
    }

    @Test
    void matchAllAppliesToEveryConnection() {
        assertThat(config.setting("LogLevel", spec(null, List.of(), null, null)).first()).contains("VERBOSE");
        assertThat(config.setting("LogLevel", spec("zed", List.of(), null, null)).source())
                .isEqualTo(dir.resolve("sshd_config") + ":22");
    }

    @Test
    void linesSshdRefusesAreReportedWithItsMessage() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad"), String.join("\n",
                "Frobnicate yes",
                "UsePrivilegeSeparation sandbox",
                "Match User x",
                "    Port 2222",
                "Match Address 10.0.0.1/8", ""));

        List<ConfigProblem> problems = SshdConfig.read(bad).problems();

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                bad + ": line 1: Bad configuration option: Frobnicate",
                bad + " line 2: Deprecated option UsePrivilegeSeparation",
                bad + " line 4: Directive 'Port' is not allowed within a Match block",
                "Invalid Match address argument '10.0.0.1/8'; " + bad + " line 5: Bad Match condition");
    }

    @Test
    void patternsFollowOpenSsh() {
        assertThat(Patterns.matchPatternList("alice", "a*,!al?ce", false)).isEqualTo(-1);
        assertThat(Patterns.matchPatternList("anna", "a*,!al?ce", false)).isEqualTo(1);
        assertThat(Patterns.addrMatchList(Optional.of("192.168.1.7"), "10.0.0.0/8,192.168.1.0/24")).isEqualTo(1);
        assertThat(Patterns.addrMatchList(Optional.of("2001:db8::5"), "2001:db8::/32")).isEqualTo(1);
        assertThat(Patterns.addrMatchList(Optional.of("192.168.1.7"), "192.168.*,!192.168.1.7")).isEqualTo(-1);
        assertThat(Patterns.matchUser("alice", Optional.of("h"), Optional.of("10.2.3.4"), "alice@10.0.0.0/8")).isTrue();
        assertThat(Patterns.matchUser("alice", Optional.of("h"), Optional.of("11.2.3.4"), "alice@10.0.0.0/8")).isFalse();
        assertThat(ConfigTokens.arguments("a \"b c\" 'd' e\\ f # g")).contains(List.of("a", "b c", "d", "e f"));
        assertThat(ConfigTokens.arguments("\"open")).isEmpty();
    }
}
