package org.sshdoctor.ssh;

import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;

/**
 * The {@code setup} step for many diagnoses at once (a fleet scan): one SSH client (Apache MINA SSHD),
 * started by the first diagnosis that needs it and shared by all that follow, until {@link #close()};
 * a diagnosis after that starts a new one. Each diagnosis still closes its own sessions.
 *
 * <p>Why: a client per diagnosis means an I/O thread group started and shut down per host, hundreds of
 * threads at a scan's peak, and the JDK sometimes leaves a shut-down group's polling thread and its three
 * descriptors behind (bench/README.md: about one in 500-1000 diagnoses under load). One client per scan
 * has one group.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SharedSshClientProbe implements Probe, AutoCloseable {
    private SshClientStart start;

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(SshClientStart.FACT);
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        return ProbeResult.builder().fact(SshClientStart.FACT, current()).ok("SSH client (Apache MINA SSHD) shared by the scan");
    }

    private synchronized SshClientStart current() {
        if (start == null) {
            start = SshClientStart.begin();
        }
        return start;
    }

    /** Stops the shared client; call it when no diagnosis using this probe runs any more. */
    @Override
    public synchronized void close() {
        if (start != null) {
            start.close();
            start = null;
        }
    }
}
