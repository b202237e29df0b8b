package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sshdoctor.render.JsonRenderer;

/** The process entry point: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        if (printVersion(args, out)) {
            System.exit(ExitCodes.OK);
        }
        configureLogging(verbosity(args));
        if (mayConnect(args)) {
            // RSA host keys: BouncyCastle otherwise runs Miller-Rabin tests on every modulus it decodes (about
            // 0.1-0.2 s of CPU cold, per diagnosis). ssh does not test host key moduli either, and sshdoctor
            // never relies on a host key for secrecy: it sends no secret and never signs.
            if (System.getProperty("org.bouncycastle.rsa.max_mr_tests") == null) {
                System.setProperty("org.bouncycastle.rsa.max_mr_tests", "0");
            }
            // MINA and BouncyCastle take a few hundred ms to set up cold: do it while picocli parses.
            org.sshdoctor.ssh.SshClientProbe.warmUpInBackground();
            if (wantsJson(args)) {
                warmUpJsonInBackground();
            }
        }
        // Connect in the order getaddrinfo() returns, as ssh does, instead of the JDK's IPv4-first default.
        System.setProperty("java.net.preferIPv6Addresses", "system");
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Environment environment = new Environment(out, err, System.in, System.getenv(), System.console() != null);
        int code = Cli.run(environment, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Answers a bare {@code sshdoctor --version} (or {@code -V}) without building the command line:
     * picocli's model of every command, made by reflection, costs a cold JVM about 0.1 s of main-thread
     * CPU, most of this command's start-up. Prints exactly what picocli prints for it
     * (VersionFastPathTest checks).
     *
     * @return whether the arguments asked for the version and it was printed
     */
    static boolean printVersion(String[] args, PrintWriter out) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    /**
     * Jackson's data binding costs a cold JVM about 35 ms of main-thread time the first time it writes
     * (async-profiler, a full diagnosis with --json). A diagnosis spends longer than that waiting for the
     * network, so the first write is made then, on a daemon thread, with every node type a report has.
     */
    private static void warmUpJsonInBackground() {
        Thread thread = new Thread(() -> {
            ObjectNode node = JsonRenderer.object();
            node.put("text", "x");
            node.put("number", 1L);
            node.putArray("list").addObject().put("flag", true);
            JsonRenderer.write(node);
        }, "sshdoctor-json-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    /**
     * slf4j-simple reads its levels once, when the first logger is made, and MINA makes loggers as
     * its classes load; so the levels are set here, before anything else runs. Silent by default: the
     * CLI reports problems itself.
     */
    static void configureLogging(int verbosity) {
        String level = verbosity >= 2 ? "trace" : verbosity == 1 ? "debug" : "off";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbosity > 0 ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", level);
        System.setProperty("org.slf4j.simpleLogger.log.org.sshdoctor", level);
        // MINA's key-file parsers trace hex dumps of the decoded private key: never below info
        // (PrivateKeyNeverPrintedTest found them at -vv).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd.common.config.keys", verbosity > 0 ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd.common.util.security", verbosity > 0 ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // Timestamps only when something is logged: slf4j-simple builds its SimpleDateFormat when the first
        // logger is made, even with logging off, and that drags in the calendar and locale providers (about
        // 30 ms on the thread that sets up MINA, which a diagnosis waits for).
        if (verbosity > 0) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
    }

    /** Counts -v flags before picocli runs (it runs after logging must be configured). */
    static int verbosity(String[] args) {
        int count = 0;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--verbose")) {
                count++;
            } else if (arg.matches("-v+")) {
                count += arg.length() - 1;
            }
        }
        return count;
    }

    /** Help and version flags: nothing to warm up for them. */
    private static final java.util.Set<String> HELP = java.util.Set.of("--help", "-h", "--version", "-V");

    /**
     * True unless the arguments name a subcommand that never connects, or ask for help (a host named like
     * such a command is only diagnosed a little slower).
     */
    static boolean mayConnect(String[] args) {
        return args.length > 0 && Arrays.stream(args).noneMatch(arg -> HELP.contains(arg) || Subcommands.isOffline(arg));
    }

    static boolean wantsJson(String[] args) {
        return Arrays.asList(args).contains("--json");
    }
}
