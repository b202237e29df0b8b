package org.sshdoctor.ssh;

import org.apache.sshd.client.auth.AbstractUserAuthFactory;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.session.ClientSession;

/**
 * An authentication method no server offers. MINA needs at least one method; with only this one it
 * sends its initial {@code none} request and stops when the server answers, so the probe never sends a
 * password and never signs anything.
 */
final class NoneOnlyAuthFactory extends AbstractUserAuthFactory {
    static final String NAME = "none-only@sshdoctor.invalid";

    NoneOnlyAuthFactory() {
        super(NAME);
    }

    @Override
    public UserAuth createUserAuth(ClientSession session) {
        throw new IllegalStateException("the server offered " + NAME + ", which does not exist");
    }
}
