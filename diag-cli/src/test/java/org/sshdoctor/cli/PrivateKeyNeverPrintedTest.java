package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Private key material is never printed, logged (also at -vv) or put into JSON. The real CLI runs in
 * a child JVM (so -vv turns on the real debug logging of sshdoctor and MINA, as for a user) against a
 * home full of private keys in every format ssh-keygen writes: OpenSSH ed25519/RSA/ECDSA, PEM, PKCS#8,
 * encrypted OpenSSH and encrypted PEM, plus broken copies (CRLF, truncated, too-open mode) that make
 * the checks quote the files, and a private key pasted into authorized_keys and named as HostKey for
 * {@code local --server}. No output may contain a base64 line of any of those files, their armour
 * lines or the passphrase.
 */
class PrivateKeyNeverPrintedTest {
    private static final String PASSPHRASE = "correct horse battery staple 42";
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]{16,}");

    @TempDir
    static Path home;

    private static final List<String> secretLines = new ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        keygen(ssh.resolve("id_ed25519"), "ed25519", "", null);
        keygen(ssh.resolve("id_rsa"), "rsa", "", null);
        keygen(ssh.resolve("id_ecdsa"), "ecdsa", "", "PEM");
        keygen(ssh.resolve("deploy_pkcs8"), "rsa", "", "PKCS8");
        keygen(ssh.resolve("enc_ed25519"), "ed25519", PASSPHRASE, null);
        keygen(ssh.resolve("enc_pem"), "rsa", PASSPHRASE, "PEM");
        Path crlf = ssh.resolve("crlf_key");
        Files.writeString(crlf, Files.readString(ssh.resolve("id_ed25519")).replace("\n", "\r\n"));
        Path truncated = ssh.resolve("truncated_key");
        String whole = Files.readString(ssh.resolve("id_rsa"));
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));
        Files.setPosixFilePermissions(ssh.resolve("id_rsa"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.copy(ssh.resolve("id_ecdsa.pub"), ssh.resolve("id_ed25519.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(ssh.resolve("config"), "Host target\n  IdentityFile ~/.ssh/deploy_pkcs8\n  IdentityFile ~/.ssh/enc_pem\n"
                + "  IdentityFile ~/.ssh/crlf_key\n  IdentityFile ~/.ssh/truncated_key\n");
        // The mistake that puts a private key where sshd reads public ones.
        Files.writeString(ssh.resolve("authorized_keys"), Files.readString(ssh.resolve("enc_ed25519.pub"))
                + Files.readString(ssh.resolve("id_ed25519")));
        Files.writeString(home.resolve("sshd_config"), "AuthorizedKeysFile " + ssh.resolve("authorized_keys") + "\n"
                + "HostKey " + ssh.resolve("id_ecdsa") + "\nHostKey " + ssh.resolve("id_rsa") + "\nHostKey " + ssh.resolve("enc_pem") + "\n");
        try (var files = Files.list(ssh)) {
            for (Path file : files.toList()) {
                if (!file.toString().endsWith(".pub") && !file.endsWith("config")) {
                    for (String line : Files.readString(file).split("\r?\n")) {
                        if (BASE64_LINE.matcher(line).matches()) {
                            secretLines.add(line);
                        }
                    }
                }
            }
        }
        assertThat(secretLines).hasSizeGreaterThan(50);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "local --no-agent -vv",
        "local --no-agent -vv --json",
        "local --no-agent --no-exec -vv target",
        "local --no-agent --no-exec -vv --json -i {ssh}/id_ecdsa target",
        "local --no-agent -vv --check-passphrase {ssh}/enc_pem",
        "local --server --user root -vv --sshd-config {home}/sshd_config",
        "local --server --user root -vv --json --sshd-config {home}/sshd_config",
    })
    void noOutputCarriesPrivateKeyMaterial(String command) throws Exception {
        List<String> args = new ArrayList<>();
        for (String arg : command.split(" ")) {
            args.add(arg.replace("{ssh}", home.resolve(".ssh").toString()).replace("{home}", home.toString()));
        }
        if (!command.contains("--server")) {
            args.addAll(1, List.of("--home", home.toString()));
        }
        String output = sshdoctor(args, "wrong " + PASSPHRASE.substring(0, 5) + "\n");
        assertThat(output).as("the run looked at the keys").containsAnyOf("id_ed25519", "enc_pem", "authorized_keys");
        String folded = output.toLowerCase(java.util.Locale.ROOT); // a message once quoted a key line in lower case
        for (String secret : secretLines) {
            assertThat(folded).doesNotContain(secret.toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(output).doesNotContain("PRIVATE KEY-----", PASSPHRASE); // armour lines; a fix may mention "the -----BEGIN line"
    }

    /** The output of a child JVM running the CLI (stdout and stderr together), with HOME set to the test home. */
    private static String sshdoctor(List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.remove("SSH_AUTH_SOCK");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        return output;
    }

    private static void keygen(Path file, String type, String passphrase, String format) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "", "-f", file.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "2048"));
        }
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }
}
