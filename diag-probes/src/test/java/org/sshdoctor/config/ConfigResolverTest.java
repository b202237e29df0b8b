package org.sshdoctor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sshdoctor.os.Account;

/**
 * Our resolution against the real {@code ssh -G} on a config with Host negation and wildcards, comma
 * patterns, case, Match (host, originalhost, user, localuser, exec, final, all), Include with a glob,
 * first-value-wins and accumulating IdentityFile. Always with {@code -F}, so no real config is read.
 */
class ConfigResolverTest {
    @TempDir
    Path dir;

    Path config;
    Account account = Account.current();

    @BeforeEach
    void writeConfig() throws IOException {
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confD.resolve("10-upper.conf"), "Host WEB-UP\n  User upper\n");
        Files.writeString(confD.resolve("20-inc.conf"), "Host *.inc\n  Port 4444\n  IdentityFile ~/.ssh/inc_%h\n");
        Files.writeString(confD.resolve("ignored.txt"), "Host *\n  User never\n");
        config = dir.resolve("config");
        Files.writeString(config, String.join("\n",
                "# global options apply to every host",
                "IdentityFile ~/.ssh/global_%r",
                "Include " + confD + "/*.conf",
                "Host web* !web-secret",
                "  User webuser",
                "  Port 2201",
                "Host web-secret",
                "  User secret",
                "Host a,b",
                "  User comma",
                "Host alias",
                "  HostName Real.Example.COM",
                "  IdentitiesOnly=yes",
                "Match host real.example.com user " + account.name(),
                "  IdentityFile \"~/.ssh/real key_%h\"",
                "  ProxyJump bastion",
                "Match final host real.example.com",
                "  CertificateFile ~/.ssh/real-cert.pub",
                "Match localuser " + account.name() + " !user nobody,webuser",
                "  IdentityAgent /tmp/agent.%C",
                "Match exec false",
                "  Port 9999",
                "Match exec \"test %n = proxied\" originalhost prox*",
                "  ProxyCommand nc %h %p",
                "  ProxyJump never-used",
                "Match all",
                "  Port 2222",
                "  IdentityFile ~/.ssh/global_%r",
                ""));
    }

    private ConfigRequest request(String host) {
        return ConfigRequest.forHost(host, account, Map.of("SHELL", "/bin/sh"))
                .withConfigFile(Optional.of(config.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web1", "web-secret", "WEB-UP", "web-up", "Web1", "a", "alias", "x.inc", "other",
        "proxied", "real.example.com"})
    void agreesWithSshG(String host) {
        Optional<SshGCrossCheck> check = SshGCrossCheck.installed();
        assumeTrue(check.isPresent(), "no OpenSSH client installed");
        ResolvedConfig ours = ConfigResolver.resolve(request(host));
        assertEquals(List.of(), ours.problems());
        assertEquals(Optional.of(List.of()), check.get().compare(ours), "ssh -G disagrees for " + host);
    }

    @Test
    void commandLineAgreesWithSshG() {
        Optional<SshGCrossCheck> check = SshGCrossCheck.installed();
        assumeTrue(check.isPresent(), "no OpenSSH client installed");
        ResolvedConfig ours = ConfigResolver.resolve(request("web1").withOptions(List.of("User=cli", "IdentitiesOnly yes"))
                .withPort(OptionalInt.of(2022)).withUser(Optional.of("ignored")));
        assertEquals("cli", ours.user());
        assertEquals(2022, ours.port());
        assertEquals(Optional.of(List.of()), check.get().compare(ours));
    }

    @Test
    void negatedHostPatternDisablesTheBlock() {
        ResolvedConfig c = ConfigResolver.resolve(request("web-secret"));
        assertEquals("secret", c.user());
        assertEquals(config + ":8", c.userEntry().origin().describe());
        assertEquals(2222, c.port());
    }

    @Test
    void hostPatternsAreCaseSensitiveAndCommasAreLiteral() {
        assertEquals("upper", ConfigResolver.resolve(request("WEB-UP")).user());
        assertEquals("webuser", ConfigResolver.resolve(request("web-up")).user());
        assertEquals(account.name(), ConfigResolver.resolve(request("a")).user());
        assertEquals("comma", ConfigResolver.resolve(request("a,b")).user());
    }

    @Test
    void hostNameMatchFinalAndOrigins() {
        ResolvedConfig c = ConfigResolver.resolve(request("alias"));
        assertEquals("real.example.com", c.hostName());
        assertEquals(new org.sshdoctor.model.Target("alias", "real.example.com", 2222, account.name()), c.target());
        assertEquals(config + ":12", c.hostNameEntry().origin().describe());
        assertTrue(c.finalPass());
        assertTrue(c.identitiesOnly());
        assertEquals(List.of("~/.ssh/global_%r", "~/.ssh/real key_%h"),
                c.identityFiles().stream().map(ConfigEntry::value).toList());
        assertEquals(config + ":2", c.identityFiles().get(0).origin().describe());
        assertEquals(config + ":18", c.certificateFiles().get(0).origin().describe());
        assertEquals("bastion", c.proxyJump().orElseThrow().value());
        assertEquals(account.home() + "/.ssh/real key_real.example.com", c.expandPath(c.identityFiles().get(1).value()));
    }

    @Test
    void matchExecRunsWithTokensAndProxyCommandBlocksLaterProxyJump() {
        ResolvedConfig c = ConfigResolver.resolve(request("proxied"));
        assertEquals("nc %h %p", c.proxyCommand().orElseThrow().value());
        assertTrue(c.proxyJump().isEmpty());
        assertEquals(2222, c.port());
    }

    @Test
    void includeGlobFirstValueWinsAndDefaultsAreMarked() {
        ResolvedConfig c = ConfigResolver.resolve(request("x.inc"));
        assertEquals(4444, c.port());
        assertEquals(dir.resolve("conf.d/20-inc.conf") + ":2", c.portEntry().origin().describe());
        ResolvedConfig none = ConfigResolver.resolve(request("x").withConfigFile(Optional.of("none")));
        assertEquals(22, none.port());
        assertEquals("default", none.portEntry().origin().describe());
        assertEquals(ResolvedConfig.DEFAULT_IDENTITIES, none.identityFiles().stream().map(ConfigEntry::value).toList());
    }

    @Test
    void execIsSkippedOnceAnEarlierCriterionFailed() throws IOException {
        Path marker = dir.resolve("ran");
        Files.writeString(config, "Match originalhost nomatch exec \"touch " + marker + "\"\n  User x\n");
        ResolvedConfig c = ConfigResolver.resolve(request("other"));
        assertEquals(account.name(), c.user());
        assertFalse(Files.exists(marker));
    }

    @Test
    void problemsAreReportedWithFileAndLine() throws IOException {
        Files.writeString(config, "IgnoreUnknown Foo*\nHost x\n  Bogus yes\n  Protocol 2\n  User \"unterminated\nMatch nonsense y\n"
                + "FooBar 1\n");
        List<ConfigProblem> problems = ConfigResolver.resolve(request("x")).problems();
        assertEquals(List.of(ConfigProblem.Kind.UNKNOWN_KEYWORD, ConfigProblem.Kind.DEPRECATED, ConfigProblem.Kind.SYNTAX,
                ConfigProblem.Kind.SYNTAX), problems.stream().map(ConfigProblem::kind).toList());
        assertEquals(config + ":3", problems.get(0).origin().describe());
        assertEquals("Unsupported Match attribute nonsense", problems.get(3).message());
    }

    @Test
    void userConfigAndIncludesArePermissionChecked() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), "Include extra\nHost *\n  User fromconfig\n");
        Files.writeString(ssh.resolve("extra"), "Port 2022\n");
        Files.setPosixFilePermissions(ssh.resolve("extra"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        ConfigRequest r = ConfigRequest.forHost("h", account.withHome(home), Map.of())
                .withSystemConfig(dir.resolve("no-system-config"));
        ResolvedConfig c = ConfigResolver.resolve(r);
        assertEquals("fromconfig", c.user());
        assertEquals(22, c.port());
        assertEquals(List.of(ssh.resolve("config"), ssh.resolve("extra")), c.permissionCheckedFiles());
        assertEquals(ConfigProblem.Kind.BAD_PERMISSIONS, c.problems().get(0).kind());
        assertTrue(c.problems().get(0).message().startsWith("Bad owner or permissions on " + ssh.resolve("extra")));
    }
}
