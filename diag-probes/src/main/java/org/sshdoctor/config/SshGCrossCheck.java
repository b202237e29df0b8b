package org.sshdoctor.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.sshdoctor.os.Account;

/**
 * Compares our resolution with the installed client's own: {@code ssh -G} with the same {@code -F},
 * {@code -o}, {@code -i}, {@code -l}, {@code -p}. A disagreement is our bug, reported as such. Only the
 * values sshdoctor acts on are compared (user, hostname, port, identities, agent, proxy).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshGCrossCheck {
    private static final List<String> COMPARED = List.of("user", "hostname", "port", "identityfile",
            "certificatefile", "identitiesonly", "identityagent", "proxyjump", "proxycommand");

    private final Path ssh;

    public SshGCrossCheck(Path ssh) {
        this.ssh = ssh;
    }

    /** The client at /usr/bin/ssh, if installed. */
    public static Optional<SshGCrossCheck> installed() {
        Path ssh = Path.of("/usr/bin/ssh");
        return Files.isExecutable(ssh) ? Optional.of(new SshGCrossCheck(ssh)) : Optional.empty();
    }

    /** One value on which the two disagree. */
    public record Disagreement(String keyword, List<String> ours, List<String> ssh) {
        public Disagreement {
            ours = List.copyOf(ours);
            ssh = List.copyOf(ssh);
        }
    }

    /**
     * The disagreements, or empty when ssh -G could not be run (then nothing is claimed). ssh reads
     * ~/.ssh/config from the password database's home, so without {@code -F} the check only runs when
     * the request's home is the real one.
     */
    public Optional<List<Disagreement>> compare(ResolvedConfig ours) {
        ConfigRequest request = ours.request();
        boolean realHome = Account.current().home().equals(request.account().home());
        if (request.configFile().isEmpty() && (!realHome || !request.systemConfig().equals(Path.of("/etc/ssh/ssh_config")))) {
            return Optional.empty();
        }
        return run(request).map(theirs -> diff(ours, theirs));
    }

    private Optional<Map<String, List<String>>> run(ConfigRequest request) {
        List<String> command = new ArrayList<>(List.of(ssh.toString(), "-G"));
        request.configFile().ifPresent(f -> command.addAll(List.of("-F", f)));
        request.options().forEach(o -> command.addAll(List.of("-o", o)));
        request.identityFiles().forEach(i -> command.addAll(List.of("-i", i)));
        request.user().ifPresent(u -> command.addAll(List.of("-l", u)));
        request.port().ifPresent(p -> command.addAll(List.of("-p", Integer.toString(p))));
        command.add("--");
        command.add(request.host());
        try {
            Path out = Files.createTempFile("sshdoctor-ssh-G", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("HOME", request.account().home().toString());
                Process process = builder.start();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                if (process.exitValue() != 0) {
                    return Optional.empty();
                }
                return Optional.of(parse(Files.readAllLines(out, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Map<String, List<String>> parse(List<String> lines) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.computeIfAbsent(line.substring(0, space).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(space + 1));
            }
        }
        return values;
    }

    static List<Disagreement> diff(ResolvedConfig ours, Map<String, List<String>> theirs) {
        List<Disagreement> out = new ArrayList<>();
        for (String keyword : COMPARED) {
            List<String> mine = ourValues(ours, keyword);
            List<String> their = theirs.getOrDefault(keyword, List.of());
            if (!mine.equals(their)) {
                out.add(new Disagreement(keyword, mine, their));
            }
        }
        return out;
    }

    /** Our value in ssh -G's printed form. */
    static List<String> ourValues(ResolvedConfig c, String keyword) {
        return switch (keyword) {
            case "user" -> List.of(c.user());
            case "hostname" -> List.of(c.hostName());
            case "port" -> List.of(Integer.toString(c.port()));
            case "identityfile" -> c.identityFiles().stream().map(ConfigEntry::value).toList();
            case "certificatefile" -> c.certificateFiles().stream().map(ConfigEntry::value).toList();
            case "identitiesonly" -> List.of(c.identitiesOnly() ? "yes" : "no");
            case "identityagent" -> c.identityAgent().map(e -> List.of(printedAgent(c, e.value()))).orElse(List.of());
            case "proxyjump" -> c.proxyJump().map(e -> List.of(e.value())).orElse(List.of());
            case "proxycommand" -> c.proxyCommand().map(e -> List.of(e.value())).orElse(List.of());
            default -> List.of();
        };
    }

    private static String printedAgent(ResolvedConfig c, String value) {
        if (value.equals("none") || value.equals("SSH_AUTH_SOCK") || value.startsWith("$") && !value.startsWith("${")) {
            return value;
        }
        try {
            return c.expandPath(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
