package org.sshdoctor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Placeholder, replaced below. */
@Command(name = "local")
final class LocalCommand implements Callable<Integer> {
    @ParentCommand
    SshDoctorCommand parent;

    @Override
    public Integer call() {
        throw new UsageException("not built yet");
    }
}
