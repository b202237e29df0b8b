package org.sshdoctor.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the CLI: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    /** A run with these environment variables (SSH_AUTH_SOCK) and an empty stdin. */
    static CliRun withVariables(Map<String, String> variables, String... args) {
        return run("", variables, args);
    }

    private static CliRun run(String stdin, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), variables, false);
        int code = Cli.run(environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
