package org.sshdoctor.auth;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.apache.sshd.client.auth.AbstractUserAuth;
import org.apache.sshd.client.auth.AbstractUserAuthFactory;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.sshdoctor.ssh.QueryClients;

/**
 * A {@code publickey} method that only asks: each request has "has signature" false, so the server
 * answers PK_OK or FAILURE and nothing is ever signed (MINA's own method signs right after PK_OK).
 * Pipelined: it sends a burst of queries (as many as the connection's MaxAuthTries budget allows) without
 * waiting, and sends nothing more until every answer of the burst is in. MINA calls {@link
 * #sendAuthDataRequest} after each FAILURE; returning true there without sending keeps waiting.
 */
final class PublicKeyQueryAuth extends AbstractUserAuth {
    static final String NAME = "publickey";

    private final Lane lane;

    PublicKeyQueryAuth(Lane lane) {
        super(NAME);
        this.lane = lane;
    }

    /** The algorithm to name: RSA as rsa-sha2-512 (ssh-rsa is refused by OpenSSH 8.8+), else the key type. */
    static String algorithm(PublicKey key) {
        if (key instanceof OpenSshCertificate cert) {
            return cert.getCertPubKey() instanceof RSAPublicKey ? "rsa-sha2-512-cert-v01@openssh.com" : cert.getKeyType();
        }
        return key instanceof RSAPublicKey ? "rsa-sha2-512" : KeyUtils.getKeyType(key);
    }

    /** The key as the wire carries it (the blob a PK_OK echoes). */
    static byte[] blob(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    @Override
    protected boolean sendAuthDataRequest(ClientSession session, String service) throws Exception {
        // A lane still waiting for the host key check sends its burst when the check allows it.
        return lane.waiting() || lane.pending() || sendBurst(session, service, lane);
    }

    /**
     * Sends the lane's next burst of queries, all at once; false when there is nothing left for it to ask.
     * Also called right after the {@code none} request (see {@link PipelinedAuthService}).
     */
    static boolean sendBurst(ClientSession session, String service, Lane lane) throws IOException {
        List<Integer> burst = lane.nextBurst();
        if (!burst.isEmpty()) {
            lane.watch(QueryClients.disconnectWatch(session));
        }
        for (int index : burst) {
            PublicKey key = lane.key(index);
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_REQUEST);
            buffer.putString(session.getUsername());
            buffer.putString(service);
            buffer.putString(NAME);
            buffer.putBoolean(false);
            buffer.putString(algorithm(key));
            buffer.putPublicKey(key);
            session.writePacket(buffer);
        }
        return !burst.isEmpty();
    }

    @Override
    protected boolean processAuthDataRequest(ClientSession session, String service, Buffer buffer) throws Exception {
        int cmd = buffer.getUByte();
        if (cmd != SshConstants.SSH_MSG_USERAUTH_PK_OK) {
            return false;
        }
        buffer.getString(); // the algorithm, as asked
        if (!lane.accepted(buffer.getBytes())) {
            return false;
        }
        return sendAuthDataRequest(session, service);
    }

    @Override
    public void signalAuthMethodFailure(ClientSession session, String service, boolean partial, List<String> serverMethods,
            Buffer buffer) {
        lane.refused();
    }

    /** Creates the method for each connection, with that connection's lane. */
    static final class Factory extends AbstractUserAuthFactory {
        /** The lane of the session, set by the caller between connect and auth. */
        static final AttributeKey<Lane> LANE = new AttributeKey<>();

        Factory() {
            super(NAME);
        }

        @Override
        public UserAuth createUserAuth(ClientSession session) {
            Lane lane = session.getAttribute(LANE);
            if (lane == null) {
                throw new IllegalStateException("a query session without its lane");
            }
            lane.methodStarted();
            return new PublicKeyQueryAuth(lane);
        }
    }
}
