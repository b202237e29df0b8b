package org.sshdoctor.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.sshdoctor.model.Target;

/**
 * Asks the installed OpenSSH client what it would propose to the target: {@code ssh -G} resolves the
 * user's configuration exactly as a real connection would (Host and Match blocks, Include, +/-/^
 * modifiers), {@code ssh -Q} lists what it could enable, {@code ssh -V} names it. Nothing is sent over
 * the network. Note that {@code ssh -G} evaluates {@code Match exec} lines, as every ssh run does.
 */
final class LocalSshClient {
    private final Path ssh;
    /** The runs of the current resolve(), to clean up whatever happens; one resolve() at a time. */
    private final List<Running> started = new ArrayList<>();

    LocalSshClient(Path ssh) {
        this.ssh = ssh;
    }

    /** The {@code ssh} on PATH, if there is one. */
    static Optional<LocalSshClient> onPath(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ssh"))) {
                return Optional.of(new LocalSshClient(Path.of(dir, "ssh")));
            }
        }
        return Optional.empty();
    }

    /** Runs {@code ssh -G} and friends for the target; throws when ssh fails or runs out of time. */
    ClientAlgorithms resolve(Target target, Instant deadline) throws IOException, InterruptedException {
        return resolve(target, List.of(), deadline);
    }

    /** The same, {@code ssh -G} also given {@code configArguments} (-F FILE, -o K=V, -i FILE) as the user gave them. */
    ClientAlgorithms resolve(Target target, List<String> configArguments, Instant deadline) throws IOException, InterruptedException {
        try {
            return resolveStarted(target, configArguments, deadline);
        } finally {
            started.forEach(Running::discard);
            started.clear();
        }
    }

    private ClientAlgorithms resolveStarted(Target target, List<String> configArguments, Instant deadline)
            throws IOException, InterruptedException {
        // Six short runs of ssh, started together: none depends on another.
        List<String> dashG = new ArrayList<>(List.of("-G"));
        dashG.addAll(configArguments);
        dashG.addAll(List.of("-p", String.valueOf(target.port()), "-l", target.user(), "--", target.name()));
        Running configRun = start(dashG.toArray(String[]::new));
        Running versionRun = start("-V");
        Map<AlgorithmKind, Running> queries = new EnumMap<>(AlgorithmKind.class);
        queries.put(AlgorithmKind.KEX, start("-Q", "kex"));
        queries.put(AlgorithmKind.HOST_KEY, start("-Q", "HostKeyAlgorithms"));
        queries.put(AlgorithmKind.CIPHER, start("-Q", "cipher"));
        queries.put(AlgorithmKind.MAC, start("-Q", "mac"));
        Map<String, String> config = parseConfig(configRun.await(deadline).stdout());
        String version = versionRun.await(deadline).stderr().strip();
        Map<AlgorithmKind, List<String>> preferred = new EnumMap<>(AlgorithmKind.class);
        preferred.put(AlgorithmKind.KEX, list(config, "kexalgorithms"));
        preferred.put(AlgorithmKind.HOST_KEY, list(config, "hostkeyalgorithms"));
        preferred.put(AlgorithmKind.CIPHER, list(config, "ciphers"));
        preferred.put(AlgorithmKind.MAC, list(config, "macs"));
        // ssh's compression_alg_list(): both config offer both, only the order differs.
        preferred.put(AlgorithmKind.COMPRESSION, "yes".equals(config.get("compression"))
                ? List.of("zlib@openssh.com", "zlib", "none") : List.of("none", "zlib@openssh.com", "zlib"));
        Map<AlgorithmKind, Set<String>> supported = new EnumMap<>(AlgorithmKind.class);
        for (Map.Entry<AlgorithmKind, Running> query : queries.entrySet()) {
            supported.put(query.getKey(), lines(query.getValue().await(deadline).stdout()));
        }
        supported.put(AlgorithmKind.COMPRESSION, new LinkedHashSet<>(preferred.get(AlgorithmKind.COMPRESSION)));
        List<Path> knownHosts = new ArrayList<>();
        for (String key : List.of("userknownhostsfile", "globalknownhostsfile")) {
            for (String file : config.getOrDefault(key, "").split(" ")) {
                if (!file.isBlank() && !file.equals("none")) {
                    knownHosts.add(Path.of(file));
                }
            }
        }
        String name = version.isEmpty() ? "ssh" : version.split("[ ,]")[0];
        String source = "ssh -G " + target.name() + (version.isEmpty() ? "" : " (" + version.split(",")[0] + ")");
        return new ClientAlgorithms(name, source, preferred, supported, knownHosts,
                Optional.ofNullable(config.get("hostkeyalias")).filter(a -> !a.equals("none")),
                "md5".equalsIgnoreCase(config.get("fingerprinthash")));
    }

    /** {@code ssh -G} prints {@code keyword value} lines, keywords in lower case. */
    static Map<String, String> parseConfig(String output) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                config.putIfAbsent(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return config;
    }

    private static List<String> list(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) {
            throw new IllegalStateException("ssh -G printed no " + key);
        }
        return Arrays.asList(value.split(","));
    }

    private static Set<String> lines(String output) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private record Output(String stdout, String stderr) {}

    /** ssh ended with an error; {@link #configError()} tells whether it refused the configuration. */
    static final class Failed extends IOException {
        /** readconf.c's shapes: "FILE line N: …", "FILE: line N: …", "command-line line 0: …". */
        private static final java.util.regex.Pattern CONFIG_LINE = java.util.regex.Pattern.compile("^\\S.*:? line \\d+: .+");
        private static final int MAX_LINES = 5;
        private final transient String stderr;

        Failed(String message, String stderr) {
            super(message);
            this.stderr = stderr;
        }

        /**
         * ssh's own words when it stopped on the configuration (a value it cannot parse, such as a cipher or hash
         * name, which it checks before connecting), at most five lines; empty for any other failure.
         */
        Optional<String> configError() {
            List<String> lines = stderr.strip().lines().filter(l -> !l.isBlank()).limit(MAX_LINES).toList();
            return !lines.isEmpty() && CONFIG_LINE.matcher(lines.get(0)).matches()
                    ? Optional.of(String.join("\n", lines)) : Optional.empty();
        }
    }

    /** A started ssh whose output goes to files, so a hanging ssh cannot block us past the deadline. */
    private final class Running {
        private final List<String> command;
        private final Path out;
        private final Path err;
        private final Process process;

        Running(List<String> command) throws IOException {
            this.command = command;
            this.out = Files.createTempFile("sshdoctor-ssh-", ".out");
            this.err = Files.createTempFile("sshdoctor-ssh-", ".err");
            this.process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        }

        Output await(Instant deadline) throws IOException, InterruptedException {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish in time");
                }
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new Failed(String.join(" ", command) + " failed: " + firstLine(stderr), stderr);
                }
                return new Output(Files.readString(out, StandardCharsets.UTF_8), stderr);
            } finally {
                discard();
            }
        }

        /**
         * The first line of ssh's complaint and how many more there were: a broken config (or a binary
         * file given as -F) makes ssh print one line per bad line, which must not flood the report.
         */
        private static String firstLine(String stderr) {
            java.util.List<String> lines = stderr.strip().lines().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return "(no message)";
            }
            String first = lines.get(0).length() > 200 ? lines.get(0).substring(0, 200) + "…" : lines.get(0);
            return lines.size() == 1 ? first : first + " (and " + (lines.size() - 1) + " more lines)";
        }

        void discard() {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ssh.toString());
        command.addAll(List.of(args));
        Running running = new Running(command);
        started.add(running);
        return running;
    }
}
