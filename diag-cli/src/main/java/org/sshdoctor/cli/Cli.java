package org.sshdoctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.sshdoctor.render.JsonRenderer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Wires the command line once: the commands, and the mapping of failures to exit codes (usage errors
 * and unreadable input to 2 with one line on stderr, anything unexpected to 3). Runs in-process with
 * the given environment, so tests call it directly.
 */
final class Cli {
    private Cli() {}

    static int run(Environment environment, String... args) {
        boolean json = Main.wantsJson(args);
        boolean verbose = Main.verbosity(args) > 0;
        CommandLine commandLine = new CommandLine(new SshDoctorCommand(environment));
        Subcommands.addTo(commandLine, args);
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ParameterException e, String[] ignored) -> {
            usageError(environment, json, e.getMessage() + " (see 'sshdoctor "
                    + commandPath(e.getCommandLine()) + "--help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((Exception e, CommandLine cmd, CommandLine.ParseResult parsed) -> {
            if (e instanceof UsageException) {
                usageError(environment, json, e.getMessage());
                return ExitCodes.USAGE;
            }
            internalError(environment, json, verbose, e);
            return ExitCodes.INTERNAL;
        });
        try {
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) { // picocli rethrows only from its own handlers
            internalError(environment, json, verbose, e);
            return ExitCodes.INTERNAL;
        }
    }

    private static String commandPath(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return commandLine.getParent() == null ? "" : name + " ";
    }

    static void usageError(Environment environment, boolean json, String message) {
        environment.err().println("sshdoctor: " + oneLine(message));
        if (json) {
            environment.out().print(errorJson("usage", message));
        }
        environment.err().flush();
        environment.out().flush();
    }

    private static void internalError(Environment environment, boolean json, boolean verbose, Throwable e) {
        environment.err().println("sshdoctor: internal error: " + oneLine(String.valueOf(e))
                + (verbose ? "" : " (run with -v for the stack trace, and please report it)"));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            environment.err().print(trace);
        }
        if (json) {
            environment.out().print(errorJson("internal", String.valueOf(e)));
        }
        environment.err().flush();
        environment.out().flush();
    }

    private static String errorJson(String kind, String message) {
        ObjectNode root = JsonRenderer.object();
        ObjectNode error = root.putObject("error");
        error.put("kind", kind);
        error.put("message", message);
        return JsonRenderer.write(root);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
