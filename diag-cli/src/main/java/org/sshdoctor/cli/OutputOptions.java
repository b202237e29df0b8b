package org.sshdoctor.cli;

import picocli.CommandLine.Option;

/** Output options shared by the commands: --json, --no-color, -v. */
final class OutputOptions {
    @Option(names = "--json", description = "Print machine-readable JSON on stdout (always valid JSON, also on errors).")
    boolean json;

    @Option(names = "--no-color", description = "No colours in text output (NO_COLOR is honoured too).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging on stderr; repeat for more (-vv). Also shows passed checks and stack traces.")
    boolean[] verbosity = new boolean[0];

    int verbosity() {
        return verbosity.length;
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (any value) or --no-color is given. */
    boolean colour(Environment environment) {
        return !noColor && !json && environment.stdoutIsTerminal() && environment.variable("NO_COLOR").isEmpty();
    }
}
