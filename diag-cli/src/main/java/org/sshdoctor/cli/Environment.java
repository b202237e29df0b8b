package org.sshdoctor.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from and writes to: streams, environment variables, whether stdout is a
 * terminal. Tests pass their own; only {@link Main} uses the real process's.
 *
 * @param out standard output
 * @param err standard error
 * @param in standard input
 * @param variables environment variables
 * @param stdoutIsTerminal whether colour and progress may be shown
 */
record Environment(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> variables,
        boolean stdoutIsTerminal) {

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
}
