package org.sshdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.sshdoctor.kb.Explainer;
import org.sshdoctor.kb.Explanation;
import org.sshdoctor.render.ExplanationRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code sshdoctor explain [TEXT...]}: explains what ssh, scp, sftp, ssh-add, git, rsync or sshd printed
 * (one line, a whole {@code ssh -v} transcript, or log lines), reading standard input when no TEXT is
 * given. Exit code: 1 when a (non-echo) match is at warning or error level or the transcript shows a
 * failed connection, 0 otherwise (including text that matched nothing), 2 when there is no input.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Explains ssh errors, ssh -v transcripts and sshd log lines.",
        description = {
            "Paste what ssh, scp, sftp, ssh-add, git, rsync or Ansible printed (one line, or a whole "
                    + "'ssh -v' transcript), or sshd/sftp-server log lines, and get what each message means, its "
                    + "likely causes ranked for this text, how to check each one and the fix.",
            "",
            "Without TEXT, reads standard input:  ssh -v host 2>&1 | sshdoctor explain",
            "Several TEXT arguments are joined with spaces, so quoting is optional for one line."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at warning or error level (also: nothing recognised)",
            "1:a warning or error was recognised, or the transcript shows a failed connection",
            "2:usage error, or no input",
            "3:internal error (a bug in sshdoctor)",
        })
final class ExplainCommand implements Callable<Integer> {
    /** More than any terminal scrollback; protects against piping a disk image by mistake. */
    static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

    @ParentCommand
    SshDoctorCommand parent;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The text to explain (default: standard input).")
    List<String> text;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        Environment environment = parent.environment();
        String input = text == null || text.isEmpty() ? readStdin(environment.in()) : String.join(" ", text);
        if (input.indexOf('\0') >= 0) {
            throw new UsageException("standard input is binary data, not text: pipe in what ssh printed "
                    + "(e.g. ssh -v host 2>&1 | sshdoctor explain)");
        }
        if (input.isBlank()) {
            throw new UsageException("nothing to explain: give the text as arguments or on standard input "
                    + "(e.g. ssh -v host 2>&1 | sshdoctor explain)");
        }
        Explanation explanation = Explainer.builtIn().explain(input);
        if (output.json) {
            environment.out().print(ExplanationRenderer.json(explanation));
        } else {
            environment.out().print(new ExplanationRenderer(output.colour(environment), output.verbosity() > 0)
                    .text(explanation));
        }
        environment.out().flush();
        return explanation.needsAction() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private static String readStdin(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new UsageException("standard input is larger than " + MAX_INPUT_BYTES / (1024 * 1024)
                        + " MiB; explain the relevant part (e.g. the last 10000 lines: tail -n 10000 FILE)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
