package org.sshdoctor.ssh;

import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;

/**
 * Starts the SSH client the handshake probes share (Apache MINA SSHD with BouncyCastle) in the background
 * and returns at once. It needs nothing from the network, so it runs while DNS, TCP and the banner
 * exchange do: a cold start of MINA and BouncyCastle costs more than all three on a near server, and is
 * then off the critical path; a diagnosis that ends early (a refused port) does not wait for it.
 *
 * <p>A probe made with {@code new} starts a client per diagnosis and closes it when the diagnosis ends.
 * One made with {@link #shared()} (a fleet scan's) starts one client for the first diagnosis and shares it
 * with all that follow, until {@link #close()}: a client per host meant an I/O thread group started and
 * shut down per host, hundreds of threads at a scan's peak, and the JDK sometimes left a shut-down group's
 * polling thread and its three descriptors behind (bench/README.md, about one in 500-1000 diagnoses under
 * load). Each diagnosis still closes its own sessions.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshClientProbe implements Probe, AutoCloseable {
    private final boolean shared;
    private SshClientStart sharedStart;

    /** A client per diagnosis, closed when it ends. */
    public SshClientProbe() {
        this(false);
    }

    private SshClientProbe(boolean shared) {
        this.shared = shared;
    }

    /** One client for every diagnosis that runs with this probe, until {@link #close()}. */
    public static SshClientProbe shared() {
        return new SshClientProbe(true);
    }

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(SshClientStart.FACT);
    }

    /**
     * Loads and sets up the SSH engine's classes (MINA SSHD, the BouncyCastle provider, the algorithm
     * checks) on a background daemon thread, so that a diagnosis started soon after finds them ready;
     * it leaves nothing running and opens nothing. The CLI calls it before parsing its command line.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(ProbeSshClient::configured, "sshdoctor-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        if (shared) {
            return ProbeResult.builder().fact(SshClientStart.FACT, sharedStart()).ok("SSH client (Apache MINA SSHD) shared by the scan");
        }
        SshClientStart start = SshClientStart.begin();
        context.closeAtEnd(start);
        return ProbeResult.builder().fact(SshClientStart.FACT, start).ok("SSH client (Apache MINA SSHD) starting");
    }

    private synchronized SshClientStart sharedStart() {
        if (sharedStart == null) {
            sharedStart = SshClientStart.begin();
        }
        return sharedStart;
    }

    /**
     * Stops a shared client (a later diagnosis starts a new one); call it when no diagnosis with this probe
     * runs any more. Nothing to do for a probe that makes a client per diagnosis.
     */
    @Override
    public synchronized void close() {
        if (sharedStart != null) {
            sharedStart.close();
            sharedStart = null;
        }
    }
}
