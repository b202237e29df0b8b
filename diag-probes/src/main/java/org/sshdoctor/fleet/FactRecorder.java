package org.sshdoctor.fleet;

import java.util.List;
import java.util.Optional;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.model.Target;
import org.sshdoctor.net.NetFacts;
import org.sshdoctor.net.OpenConnection;
import org.sshdoctor.ssh.HandshakeFacts;
import org.sshdoctor.ssh.HostKeys;
import org.sshdoctor.ssh.ServerHostKey;
import org.sshdoctor.ssh.ServerKexInit;

/**
 * Keeps the facts of one diagnosis that the fleet views need, as the probes publish them. The full set
 * of host keys wins over the main handshake's single key when both arrive.
 */
final class FactRecorder implements DiagnosisListener {
    private volatile OpenConnection connection;
    private volatile List<ServerHostKey> hostKeys = List.of();
    private volatile boolean allKeys;
    private volatile ServerKexInit kexInit;

    @Override
    public <T> void factPublished(Target target, Fact<T> fact, T value) {
        if (fact == NetFacts.CONNECTION) {
            connection = (OpenConnection) value;
        } else if (fact == HandshakeFacts.HOST_KEYS) {
            hostKeys = ((HostKeys) value).keys();
            allKeys = true;
        } else if (fact == HandshakeFacts.HOST_KEY && !allKeys) {
            hostKeys = List.of((ServerHostKey) value);
        } else if (fact == HandshakeFacts.SERVER_KEXINIT) {
            kexInit = (ServerKexInit) value;
        }
    }

    HostFacts facts() {
        return new HostFacts(Optional.ofNullable(connection).map(OpenConnection::remote), hostKeys,
                Optional.ofNullable(kexInit));
    }
}
