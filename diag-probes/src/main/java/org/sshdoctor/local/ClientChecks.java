package org.sshdoctor.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.config.FileStat;
import org.sshdoctor.config.LocalAccount;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * The client-side checks of {@code sshdoctor local}, as OpenSSH applies its rules: ~/.ssh, the config
 * files' permissions and syntax, every private key (permissions, format, .pub pair), certificates,
 * the agent, and, for a target, the identities ssh would offer. Reads only; never writes a file, never
 * asks a passphrase, never signs, never prints private key material.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientChecks {
    private final Options options;

    /**
     * @param account the local account whose files are checked
     * @param environment variables (SSH_AUTH_SOCK)
     * @param config the configuration resolved for the target, or for a placeholder host without target
     * @param targetGiven true when {@code config} is for a real target (identity order, login user)
     * @param useAgent false to leave the agent alone
     * @param now the time certificates are checked against
     * @param localAddresses this machine's addresses (certificate source-address)
     * @param agentTimeout how long to wait for the agent
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Options(LocalAccount account, Map<String, String> environment, ResolvedConfig config,
            boolean targetGiven, boolean useAgent, Instant now, List<InetAddress> localAddresses, Duration agentTimeout) {
        public Options {
            requireNonNull(account, "account");
            environment = Map.copyOf(environment);
            requireNonNull(config, "config");
            requireNonNull(now, "now");
            localAddresses = List.copyOf(localAddresses);
            requireNonNull(agentTimeout, "agentTimeout");
        }
    }

    public ClientChecks(Options options) {
        this.options = options;
    }

    public ClientReport run() {
        List<Finding> findings = new ArrayList<>();
        LocalAccount account = options.account();
        Path sshDir = account.home().resolve(".ssh");
        SshDirectoryRule.check(sshDir, FileStat.of(sshDir), account.uid()).ifPresent(findings::add);
        findings.addAll(ConfigProblems.findings(options.config(), options.targetGiven()));
        Set<Path> referenced = referencedIdentityFiles(findings);
        for (Path key : keyCandidates(sshDir, referenced)) {
            findings.addAll(checkKey(key, referenced.contains(key) || isDefaultIdentity(sshDir, key)));
        }
        for (Path cert : certificateCandidates(sshDir, referenced)) {
            findings.addAll(checkCertificate(cert));
        }
        AgentState agent = options.useAgent() ? agent() : new AgentState(Optional.empty(), List.of(), List.of());
        findings.addAll(agent.findings());
        List<OfferedIdentity> identities = List.of();
        if (options.targetGiven()) {
            identities = IdentityOrder.compute(options.config(), agent.identities(), IdentitySource.DISK);
            findings.addAll(IdentityRule.check(options.config(), identities));
        }
        return new ClientReport(findings, identities, agent, options.targetGiven() ? Optional.of(options.config()) : Optional.empty());
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

    private AgentState agent() {
        Optional<ConfigEntry> configured = options.config().identityAgent();
        Optional<Path> socket;
        String why;
        if (configured.isPresent() && !configured.get().value().equals("SSH_AUTH_SOCK")) {
            String value = configured.get().value();
            why = "IdentityAgent " + value + " at " + configured.get().origin().describe();
            if (value.equals("none")) {
                socket = Optional.empty();
            } else if (value.startsWith("$") && !value.startsWith("${")) {
                socket = Optional.ofNullable(options.environment().get(value.substring(1))).filter(s -> !s.isEmpty()).map(Path::of);
            } else {
                Optional<Path> expanded;
                try {
                    expanded = Optional.of(Path.of(options.config().expandPath(value)));
                } catch (IllegalArgumentException e) {
                    expanded = Optional.empty();
                }
                socket = expanded;
            }
        } else {
            socket = Optional.ofNullable(options.environment().get("SSH_AUTH_SOCK")).filter(s -> !s.isEmpty()).map(Path::of);
            why = socket.isPresent() ? "SSH_AUTH_SOCK" : "SSH_AUTH_SOCK is not set";
        }
        return AgentRule.check(socket, why, options.agentTimeout());
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

    /** This machine's addresses, for certificate source-address checks. */
    public static List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException | RuntimeException e) {
            return List.of();
        }
        return out;
    }
}
