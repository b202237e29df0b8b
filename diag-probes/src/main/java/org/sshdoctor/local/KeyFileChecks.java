package org.sshdoctor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.os.FileStat;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The key and certificate files of an account: every configured IdentityFile, the default id_* names
 * and every other private key or .ppk in ~/.ssh, then every certificate (CertificateFile, KEY-cert.pub).
 */
final class KeyFileChecks {
    private final ClientChecks.Options options;

    KeyFileChecks(ClientChecks.Options options) {
        this.options = options;
    }

    List<Finding> findings(Path sshDir) {
        List<Finding> findings = new ArrayList<>();
        Set<Path> referenced = referencedIdentityFiles(findings);
        for (Path key : keyCandidates(sshDir, referenced)) {
            findings.addAll(checkKey(key, referenced.contains(key) || isDefaultIdentity(sshDir, key)));
        }
        for (Path cert : certificateCandidates(sshDir, referenced)) {
            findings.addAll(checkCertificate(cert));
        }
        return findings;
    }

    /** Expanded IdentityFile entries named explicitly; missing ones become findings. */
    private Set<Path> referencedIdentityFiles(List<Finding> findings) {
        Set<Path> out = new LinkedHashSet<>();
        ResolvedConfig config = options.config();
        for (ConfigEntry entry : config.identityFiles()) {
            if (entry.value().equalsIgnoreCase("none") || entry.origin().kind() == ConfigOrigin.Kind.DEFAULT) {
                continue;
            }
            Path path;
            try {
                path = Path.of(config.expandPath(entry.value()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Files.exists(path)) {
                out.add(path);
            } else if (options.targetGiven()) {
                findings.add(Finding.of(LocalFindings.KEY_MISSING, Severity.WARNING)
                        .title("Identity file " + path + " does not exist")
                        .detail("Named by " + entry.origin().describe() + "; ssh skips it and tries the next identity.")
                        .evidence("file", path)
                        .evidence("origin", entry.origin().describe())
                        .clientMessage("no such identity: " + path + ": No such file or directory")
                        .fix("Correct the IdentityFile line at " + entry.origin().describe() + ", or create the key: ssh-keygen -f "
                                + Shell.quote(path))
                        .build());
            }
        }
        return out;
    }

    private static boolean isDefaultIdentity(Path sshDir, Path key) {
        return ResolvedConfig.DEFAULT_IDENTITIES.stream().anyMatch(d -> sshDir.resolve(d.substring("~/.ssh/".length())).equals(key));
    }

    private static Set<Path> keyCandidates(Path sshDir, Set<Path> referenced) {
        Set<Path> out = new LinkedHashSet<>(referenced);
        for (String name : ResolvedConfig.DEFAULT_IDENTITIES) {
            Path p = sshDir.resolve(name.substring("~/.ssh/".length()));
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        for (Path p : listDir(sshDir)) {
            if (Files.isRegularFile(p) && (p.toString().endsWith(".ppk") || KeyFileInspector.looksLikePrivateKey(p))) {
                out.add(p);
            }
        }
        return out;
    }

    private Set<Path> certificateCandidates(Path sshDir, Set<Path> referenced) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path key : referenced) {
            Path cert = Path.of(key + "-cert.pub");
            if (Files.isRegularFile(cert)) {
                out.add(cert);
            }
        }
        ResolvedConfig config = options.config();
        for (ConfigEntry entry : config.certificateFiles()) {
            try {
                Path p = Path.of(config.expandPath(entry.value()));
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            } catch (IllegalArgumentException e) {
                // reported as a config problem by ssh -G; nothing to check here
            }
        }
        for (Path p : listDir(sshDir)) {
            if (p.getFileName().toString().endsWith("-cert.pub") && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private List<Finding> checkKey(Path file, boolean referenced) {
        List<Finding> out = new ArrayList<>();
        Optional<FileStat> stat = FileStat.of(file);
        if (stat.isEmpty() || !Files.isReadable(file)) {
            return out;
        }
        KeyPermissionRule.check(file, stat.get(), options.account().uid()).ifPresent(out::add);
        KeyFileInfo info;
        try {
            info = KeyFileInspector.inspect(file);
        } catch (IOException e) {
            return out;
        }
        if (info.format() == KeyFileInfo.Format.PUBLIC_KEY && !referenced) {
            return out;
        }
        KeyLoadRule.check(info, referenced).ifPresent(out::add);
        KeyPairRule.check(info).ifPresent(out::add);
        if (out.isEmpty()) {
            String what = info.publicKey().map(k -> PublicKeys.type(k) + " " + PublicKeys.fingerprint(k)).orElse(info.format().name());
            out.add(Finding.of(LocalFindings.KEY_OK, Severity.OK)
                    .title("Private key " + file + " is usable (" + what + (info.encrypted() ? ", passphrase-protected" : "") + ")")
                    .evidence("file", file)
                    .evidence("format", info.format())
                    .evidence("mode", stat.get().octal())
                    .build());
        }
        return out;
    }

    private List<Finding> checkCertificate(Path file) {
        Optional<PublicKey> key = PublicKeys.loadFile(file);
        if (key.isEmpty() || !(key.get() instanceof OpenSshCertificate cert)) {
            return List.of();
        }
        String name = file.toString();
        Optional<PublicKey> beside = Optional.empty();
        if (name.endsWith("-cert.pub")) {
            Path privateKey = Path.of(name.substring(0, name.length() - "-cert.pub".length()));
            if (Files.exists(privateKey) || Files.exists(Path.of(privateKey + ".pub"))) {
                beside = IdentitySource.DISK.loadPublic(privateKey);
            }
        }
        String user = options.targetGiven() ? options.config().user() : options.account().name();
        return CertificateRule.check(file, cert, beside, user, options.targetGiven(), options.now(), options.localAddresses());
    }

    private static List<Path> listDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
