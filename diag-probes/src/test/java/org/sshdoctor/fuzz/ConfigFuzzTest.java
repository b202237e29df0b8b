package org.sshdoctor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.os.Account;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.sshd.ConnectionSpec;
import org.sshdoctor.sshd.SshdConfig;
import org.sshdoctor.sshd.SshdFindings;

/**
 * Fuzzes the two configuration readers with file contents: ssh_config as {@code local -F FILE host}
 * resolves it ('Match exec' never runs), and sshd_config as {@code local --server} and {@code chroot}
 * read it, with the Match lookups they do. Without JAZZER_FUZZ each target replays its seeds in
 * src/test/resources/org/sshdoctor/fuzz/ConfigFuzzTestInputs; with {@code JAZZER_FUZZ=1} it fuzzes for
 * maxDuration (DEVELOPERS.md, "Fuzzing"). Problems in a file are findings, never exceptions.
 */
class ConfigFuzzTest {
    private static final Path DIR = scratchDirectory();
    private static final Path FILE = DIR.resolve("config");
    private static final List<String> HOSTS = List.of("web", "web.example.org", "192.0.2.7", "2001:db8::7");
    private static final List<String> KEYWORDS = List.of("port", "permitrootlogin", "passwordauthentication",
            "authorizedkeysfile", "chrootdirectory", "forcecommand", "pubkeyacceptedalgorithms", "allowusers",
            "strictmodes", "usedns", "hostkey", "subsystem", "revokedkeys", "maxauthtries");

    @FuzzTest(maxDuration = "20s")
    void sshConfigResolutionNeverThrows(FuzzedDataProvider data) throws IOException {
        String host = data.pickValue(HOSTS);
        Files.write(FILE, data.consumeRemainingAsBytes());
        Account account = Account.current().withHome(DIR);
        ConfigRequest request = ConfigRequest.forHost(host, account, Map.of())
                .withConfigFile(Optional.of(FILE.toString()))
                .withSystemConfig(DIR.resolve("no-system-config"))
                .withExec(ConfigRequest.MatchExec.NEVER);
        ResolvedConfig config = ConfigResolver.resolve(request);
        config.hostName();
        config.user();
        config.port();
        config.identityFiles();
        config.certificateFiles();
        config.identityAgent();
        config.proxyJump();
        config.proxyCommand();
    }

    @FuzzTest(maxDuration = "20s")
    void sshdConfigReadingNeverThrows(FuzzedDataProvider data) throws IOException {
        String user = data.pickValue(List.of("root", "alice", "sftp-only"));
        String address = data.pickValue(HOSTS.subList(2, 4));
        Files.write(FILE, data.consumeRemainingAsBytes());
        SshdConfig config = SshdConfig.read(FILE, DIR);
        SshdFindings.of(config);
        config.matchConditions();
        ConnectionSpec spec = ConnectionSpec.forUser(user, List.of(user, "sftp")).from("client.example.org", address)
                .to("192.0.2.1", 22);
        for (String keyword : KEYWORDS) {
            config.setting(keyword, spec);
        }
    }

    private static Path scratchDirectory() {
        try {
            Path dir = Files.createTempDirectory("sshdoctor-fuzz-config");
            dir.toFile().deleteOnExit();
            dir.resolve("config").toFile().deleteOnExit(); // runs first: deleteOnExit works in reverse
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
