package org.sshdoctor.config;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code Match exec} commands as ssh does: {@code $SHELL -c COMMAND} ({@code /bin/sh} when SHELL is
 * unset), output discarded. A command still running after 10 seconds is killed and counts as failed.
 */
final class ShellMatchExec implements ConfigRequest.MatchExec {
    private final String shell;

    ShellMatchExec(Map<String, String> environment) {
        String value = environment.get("SHELL");
        this.shell = value == null || value.isEmpty() ? "/bin/sh" : value;
    }

    @Override
    public boolean succeeds(String command) {
        Process process = null;
        try {
            process = new ProcessBuilder(shell, "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            return false;
        }
    }
}
