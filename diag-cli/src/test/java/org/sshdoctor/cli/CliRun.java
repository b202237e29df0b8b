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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Map.of(), false);
        int code = Cli.run(environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
