package org.sshdoctor.auth;

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
import org.apache.sshd.common.util.buffer.Buffer;
import org.sshdoctor.auth.KeyAnswer.Answer;

/**
 * A {@code publickey} method that only asks: each request has "has signature" false, so the server
 * answers PK_OK or FAILURE and nothing is ever signed (MINA's own method signs right after PK_OK). One
 * query at a time; FAILURE and PK_OK both move on to the next key.
 */
final class PublicKeyQueryAuth extends AbstractUserAuth {
    static final String NAME = "publickey";

    private final QueryState state;

    PublicKeyQueryAuth(QueryState state) {
        super(NAME);
        this.state = state;
    }

    /** The algorithm to name: RSA as rsa-sha2-512 (ssh-rsa is refused by OpenSSH 8.8+), else the key type. */
    static String algorithm(PublicKey key) {
        if (key instanceof OpenSshCertificate cert) {
            return cert.getCertPubKey() instanceof RSAPublicKey ? "rsa-sha2-512-cert-v01@openssh.com" : cert.getKeyType();
        }
        return key instanceof RSAPublicKey ? "rsa-sha2-512" : KeyUtils.getKeyType(key);
    }

    @Override
    protected boolean sendAuthDataRequest(ClientSession session, String service) throws Exception {
        int index = state.takeNext();
        if (index < 0) {
            return false;
        }
        PublicKey key = state.key(index);
        Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_REQUEST);
        buffer.putString(session.getUsername());
        buffer.putString(service);
        buffer.putString(NAME);
        buffer.putBoolean(false);
        buffer.putString(algorithm(key));
        buffer.putPublicKey(key);
        session.writePacket(buffer);
        return true;
    }

    @Override
    protected boolean processAuthDataRequest(ClientSession session, String service, Buffer buffer) throws Exception {
        int cmd = buffer.getUByte();
        if (cmd != SshConstants.SSH_MSG_USERAUTH_PK_OK) {
            return false;
        }
        state.answerPending(Answer.ACCEPTED);
        return sendAuthDataRequest(session, service);
    }

    @Override
    public void signalAuthMethodFailure(ClientSession session, String service, boolean partial, List<String> serverMethods,
            Buffer buffer) {
        state.answerPending(Answer.REFUSED);
    }

    /** Creates the method for each connection, all sharing one state. */
    static final class Factory extends AbstractUserAuthFactory {
        private final QueryState state;

        Factory(QueryState state) {
            super(NAME);
            this.state = state;
        }

        @Override
        public UserAuth createUserAuth(ClientSession session) {
            return new PublicKeyQueryAuth(state);
        }
    }
}
