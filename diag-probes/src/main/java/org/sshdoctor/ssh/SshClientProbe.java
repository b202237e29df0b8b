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
 * then off the critical path; a diagnosis that ends early (a refused port) does not wait for it. The
 * client is closed when the diagnosis ends.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SshClientProbe implements Probe {

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
        SshClientStart start = SshClientStart.begin();
        context.closeAtEnd(start);
        return ProbeResult.builder().fact(SshClientStart.FACT, start).ok("SSH client (Apache MINA SSHD) starting");
    }
}
