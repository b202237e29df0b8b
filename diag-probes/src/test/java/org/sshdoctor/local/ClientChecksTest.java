package org.sshdoctor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.config.ConfigRequest;
import org.sshdoctor.config.ConfigResolver;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.os.Account;

/** {@code local}'s client checks on temp homes filled by ssh-keygen: one problem per test, plus a clean home. */
class ClientChecksTest {
    @TempDir
    Path home;

    Path ssh;
    Account account;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Tools.installed(), "OpenSSH tools are not installed");
        ssh = Files.createDirectories(home.resolve(".ssh"));
        Tools.chmod(ssh, "rwx------");
        account = Account.current().withHome(home);
    }

    private ClientReport check(Optional<String> target, Map<String, String> env, InetAddress... addresses) {
        String host = target.orElse("any");
        Optional<String> user = host.contains("@") ? Optional.of(host.substring(0, host.indexOf('@'))) : Optional.empty();
        ConfigRequest request = ConfigRequest.forHost(host.substring(host.indexOf('@') + 1), account, env).withUser(user)
                .withSystemConfig(home.resolve("no-system-config")).withExec(ConfigRequest.MatchExec.NEVER);
        ResolvedConfig config = ConfigResolver.resolve(request);
        return new ClientChecks(new ClientChecks.Options(account, env, config, target.isPresent(), true, Instant.now(),
                List.of(addresses), Duration.ofSeconds(5))).run();
    }

    private static List<String> problems(ClientReport report) {
        return report.findings().stream().filter(f -> f.severity().needsAction()).map(Finding::id).toList();
    }

    @Test
    void cleanHomeHasNoProblems() throws Exception {
        Tools.key(ssh.resolve("id_ed25519"), "ed25519", "");
        Tools.key(ssh.resolve("id_rsa"), "rsa", "secret");
        Files.writeString(ssh.resolve("config"), "Host *\n  ServerAliveInterval 30\n");
        ClientReport report = check(Optional.empty(), Map.of());
        assertEquals(List.of(), problems(report));
        assertEquals(2, report.findings().stream().filter(f -> f.id().equals(LocalFindings.KEY_OK)).count());
    }

    @Test
    void keyReadableByOthersIsReportedWithSshsOwnWords() throws Exception {
        Path key = Tools.key(ssh.resolve("id_ed25519"), "ed25519", "");
        Tools.chmod(key, "rw-r--r--");
        Finding f = only(check(Optional.empty(), Map.of()), LocalFindings.KEY_UNPROTECTED);
        assertTrue(f.clientMessage().orElseThrow().contains("Permissions 0644 for '" + key + "' are too open."));
        assertEquals("chmod 600 " + key, f.fix());
    }

    @Test
    void keyOwnedBySomeoneElseIsNotCheckedForItsMode() throws Exception {
        Path key = Tools.key(ssh.resolve("id_ed25519"), "ed25519", "");
        Tools.chmod(key, "rw-r--r--");
        account = new Account(account.name(), account.uid() + 4242, account.gid(), home, account.shell());
        assertTrue(check(Optional.empty(), Map.of()).findings().stream().noneMatch(f -> f.id().equals(LocalFindings.KEY_UNPROTECTED)));
    }

    @Test
    void stalePubIsFoundEvenForAPassphraseProtectedKey() throws Exception {
        Path key = Tools.key(ssh.resolve("id_ed25519"), "ed25519", "secret passphrase");
        Path other = Tools.key(home.resolve("elsewhere/other"), "ed25519", "");
        Files.copy(Path.of(other + ".pub"), Path.of(key + ".pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Finding f = only(check(Optional.empty(), Map.of()), LocalFindings.KEY_PUB_MISMATCH);
        assertEquals("identity_sign: private key " + key + " contents do not match public", f.clientMessage().orElseThrow());
    }

    @Test
    void crlfTruncatedPuttyAndPublicKeysAreNamed() throws Exception {
        Path good = Tools.key(home.resolve("src/key"), "ed25519", "");
        String text = Files.readString(good);
        Files.writeString(ssh.resolve("id_ed25519"), text.replace("\n", "\r\n"));
        Files.writeString(ssh.resolve("id_ecdsa"), text.substring(0, 200));
        Files.copy(Path.of(good + ".pub"), ssh.resolve("id_rsa"));
        String blob = Files.readString(Path.of(good + ".pub")).split(" ")[1];
        Files.writeString(ssh.resolve("work.ppk"), "PuTTY-User-Key-File-3: ssh-ed25519\r\nEncryption: none\r\n"
                + "Comment: work\r\nPublic-Lines: 1\r\n" + blob + "\r\n");
        for (Path p : List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"), ssh.resolve("work.ppk"))) {
            Tools.chmod(p, "rw-------");
        }
        List<String> ids = problems(check(Optional.empty(), Map.of()));
        assertEquals(List.of(LocalFindings.KEY_PUBLIC_AS_PRIVATE, LocalFindings.KEY_TRUNCATED, LocalFindings.KEY_CRLF,
                LocalFindings.KEY_PUTTY), ids);
    }

    @Test
    void realPuttygenKeyIsNamedAndThePrintedConversionWorks() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/puttygen")), "puttygen (putty-tools) is not installed");
        Path ppk = ssh.resolve("laptop.ppk");
        Tools.run(List.of("puttygen", "-t", "ed25519", "-o", ppk.toString(), "--new-passphrase", "/dev/null"));
        Files.writeString(ssh.resolve("config"), "IdentityFile ~/.ssh/laptop.ppk\n");
        ClientReport report = check(Optional.of("host"), Map.of());
        Finding f = only(report, LocalFindings.KEY_PUTTY);
        assertEquals(Severity.ERROR, f.severity());
        KeyFileInfo info = KeyFileInspector.inspect(ppk);
        assertTrue(info.publicKey().isPresent(), "public half read from Public-Lines");
        // the fix is a command line: run it as printed (it writes a new file next to the .ppk)
        Tools.run(List.of("sh", "-c", f.fix().replaceFirst("\\s+#.*$", "")));
        KeyFileInfo converted = KeyFileInspector.inspect(ssh.resolve("laptop"));
        assertEquals(KeyFileInfo.Format.OPENSSH, converted.format());
        assertTrue(PublicKeys.same(info.publicKey().get(), converted.publicKey().orElseThrow()));
    }

    @Test
    void certificatesExpiredNotYetValidWrongPrincipalAndSourceAddress() throws Exception {
        Path ca = Tools.key(home.resolve("ca/ca"), "ed25519", "");
        String me = account.name();
        Tools.certificate(ca, Tools.key(ssh.resolve("expired"), "ed25519", ""), me, "20200101:20200102");
        Tools.certificate(ca, Tools.key(ssh.resolve("future"), "ed25519", ""), me, "+1d:+2d");
        Tools.certificate(ca, Tools.key(ssh.resolve("alice"), "ed25519", ""), "alice", "-5m:+1d");
        Tools.certificate(ca, Tools.key(ssh.resolve("office"), "ed25519", ""), me, "-5m:+1d", "source-address=203.0.113.0/24");
        Tools.certificate(ca, Tools.key(ssh.resolve("fine"), "ed25519", ""), me, "-5m:+1d", "source-address=127.0.0.0/8");
        ClientReport report = check(Optional.empty(), Map.of(), InetAddress.getLoopbackAddress());
        assertEquals(List.of(LocalFindings.CERT_WRONG_PRINCIPAL, LocalFindings.CERT_EXPIRED, LocalFindings.CERT_NOT_YET_VALID,
                LocalFindings.CERT_SOURCE_ADDRESS), problems(report));
        Finding ok = only(report, LocalFindings.CERT_OK);
        assertEquals(ssh.resolve("fine-cert.pub").toString(), ok.evidence().get("certificate"));
        assertTrue(ok.evidence().get("CA fingerprint").startsWith("SHA256:"));
    }

    @Test
    void principalIsCheckedAgainstTheTargetsLoginUser() throws Exception {
        Path ca = Tools.key(home.resolve("ca/ca"), "ed25519", "");
        Tools.certificate(ca, Tools.key(ssh.resolve("id_ed25519"), "ed25519", ""), "deploy", "-5m:+1d");
        assertFalse(problems(check(Optional.of("deploy@build"), Map.of())).contains(LocalFindings.CERT_WRONG_PRINCIPAL));
        Finding f = only(check(Optional.of("root@build"), Map.of()), LocalFindings.CERT_WRONG_PRINCIPAL);
        assertEquals(Severity.ERROR, f.severity());
    }

    @Test
    void groupWritableIncludedConfigIsFatal() throws Exception {
        Files.writeString(ssh.resolve("config"), "Include conf.d/*\n");
        Path included = Files.createDirectories(ssh.resolve("conf.d")).resolve("work");
        Files.writeString(included, "Host work\n  User me\n");
        Tools.chmod(included, "rw-rw-rw-");
        Finding f = only(check(Optional.empty(), Map.of()), ConfigFindings.BAD_PERMISSIONS);
        assertEquals("Bad owner or permissions on " + included, f.clientMessage().orElseThrow());
    }

    @Test
    void unreachableAgentAndMissingAgent() throws Exception {
        Finding f = only(check(Optional.empty(), Map.of("SSH_AUTH_SOCK", home.resolve("gone.sock").toString())),
                LocalFindings.AGENT_UNREACHABLE);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(Severity.INFO, only(check(Optional.empty(), Map.of()), LocalFindings.AGENT_NONE).severity());
    }

    @Test
    void worldWritableSshDirectory() throws Exception {
        Tools.chmod(ssh, "rwxrwxrwx");
        assertEquals(List.of(LocalFindings.SSHDIR_PERMISSIONS), problems(check(Optional.empty(), Map.of())));
    }

    @Test
    void noPrivateKeyMaterialIsEverPrinted() throws Exception {
        Path key = Tools.key(ssh.resolve("id_ed25519"), "ed25519", "");
        Tools.chmod(key, "rw-r--r--");
        String body = Files.readString(key, StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("-----"))
                .reduce("", String::concat);
        byte[] raw = Base64.getDecoder().decode(body);
        String privateTail = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(raw, raw.length - 80, raw.length - 40));
        String everything = check(Optional.empty(), Map.of()).findings().toString();
        assertFalse(everything.contains(privateTail.substring(0, 20)));
        assertFalse(everything.contains(body.substring(body.length() - 40)));
    }

    private static Finding only(ClientReport report, String id) {
        List<Finding> found = report.findings().stream().filter(f -> f.id().equals(id)).toList();
        assertEquals(1, found.size(), () -> id + " in " + report.findings());
        return found.get(0);
    }
}
