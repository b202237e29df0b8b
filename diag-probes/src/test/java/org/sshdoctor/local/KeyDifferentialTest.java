package org.sshdoctor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.os.Account;
import org.sshdoctor.os.FileStat;

/**
 * Our "will OpenSSH load this private key?" verdict against OpenSSH's own loader ({@code ssh-keygen -y},
 * which applies the same permission rule and parser as ssh) on keys in every format, mode and damage.
 */
class KeyDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void sameVerdictAsOpenSshOnEveryVariant() throws Exception {
        assumeTrue(Tools.installed(), "OpenSSH tools are not installed");
        List<Path> variants = new ArrayList<>();
        Path ed = Tools.key(dir.resolve("src/ed"), "ed25519", "");
        Path pem = dir.resolve("src/pem");
        Tools.run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", pem.toString()));
        Path pkcs8 = dir.resolve("src/pkcs8");
        Tools.run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-m", "PKCS8", "-N", "", "-f", pkcs8.toString()));
        Path enc = Tools.key(dir.resolve("src/enc"), "ecdsa", "pass phrase");
        for (Path source : List.of(ed, pem, pkcs8, enc)) {
            String text = Files.readString(source);
            String name = source.getFileName().toString();
            variants.add(write(name + "-ok", text, "rw-------"));
            variants.add(write(name + "-0400", text, "r--------"));
            variants.add(write(name + "-0700", text, "rwx------"));
            variants.add(write(name + "-0640", text, "rw-r-----"));
            variants.add(write(name + "-0604", text, "rw----r--"));
            variants.add(write(name + "-crlf", text.replace("\n", "\r\n"), "rw-------"));
            variants.add(write(name + "-half", text.substring(0, text.length() / 2), "rw-------"));
            variants.add(write(name + "-noend", text.substring(0, text.lastIndexOf("-----END")), "rw-------"));
            variants.add(write(name + "-pub", Files.readString(Path.of(source + ".pub")), "rw-------"));
        }
        long uid = Account.current().uid();
        List<String> disagreements = new ArrayList<>();
        for (Path variant : variants) {
            boolean ours = KeyPermissionRule.check(variant, FileStat.of(variant).orElseThrow(), uid).isEmpty()
                    && KeyFileInspector.inspect(variant).problem().isEmpty();
            boolean openssh = opensshLoads(variant);
            if (ours != openssh) {
                disagreements.add(variant.getFileName() + ": sshdoctor " + ours + ", OpenSSH " + openssh);
            }
        }
        assertEquals(List.of(), disagreements, variants.size() + " variants");
    }

    private Path write(String name, String text, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Tools.chmod(file, mode);
        return file;
    }

    /** Loadable, or only refused for the (deliberately wrong) empty passphrase. */
    private static boolean opensshLoads(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-y", "-P", "", "-f", key.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue() == 0 || out.contains("incorrect passphrase");
    }
}
