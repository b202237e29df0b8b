package org.sshdoctor.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands of {@code sshdoctor}, in the order {@code --help} lists them.
 *
 * <p>They are added at run time rather than in {@link SshDoctorCommand}'s annotation because picocli
 * builds each command's model by reflection as it is added, about 5 ms per command in a cold JVM. A
 * run whose first argument names a subcommand ({@code sshdoctor explain …}, the common case for
 * scripts and for start-up-sensitive commands) gets only that one; any other run gets all of them, so
 * the root's help, {@code help NAME} and picocli's "did you mean" suggestions see every command.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("demo", DemoCommand::new);
        BY_NAME.put("explain", ExplainCommand::new);
        BY_NAME.put("logs", LogsCommand::new);
        BY_NAME.put("local", LocalCommand::new);
        BY_NAME.put("chroot", ChrootCommand::new);
        BY_NAME.put("scan", ScanCommand::new);
        BY_NAME.put("kb", KbCommand::new);
        BY_NAME.put("help", CommandLine.HelpCommand::new);
    }

    /** The subcommands that never open an SSH connection (Main warms the SSH client up for the others). */
    private static final java.util.Set<String> OFFLINE = java.util.Set.of("explain", "logs", "local", "chroot", "kb", "help");

    private Subcommands() {}

    /** Whether {@code name} is a subcommand that never connects. */
    static boolean isOffline(String name) {
        return OFFLINE.contains(name);
    }

    /** Adds to {@code root} the subcommands a run with these arguments can reach. */
    static void addTo(CommandLine root, String... args) {
        Supplier<Object> named = args.length > 0 && !args[0].equals("help") ? BY_NAME.get(args[0]) : null;
        if (named != null) {
            root.addSubcommand(named.get());
            return;
        }
        BY_NAME.values().forEach(command -> root.addSubcommand(command.get()));
    }

    /** The names, in --help order (tests check them against each command's own annotation). */
    static Iterable<String> names() {
        return BY_NAME.keySet();
    }
}
