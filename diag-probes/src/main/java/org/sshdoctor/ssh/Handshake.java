package org.sshdoctor.ssh;

import java.util.Optional;

/**
 * What one probe connection saw: each part is present when the connection got that far.
 *
 * @param serverVersion the server's identification line
 * @param kexInit the server's KEXINIT lists
 * @param hostKey the host key it presented
 * @param auth its answer to the {@code none} request
 * @param failure where and why the connection stopped early, if it did
 */
record Handshake(Optional<String> serverVersion, Optional<ServerKexInit> kexInit, Optional<ServerHostKey> hostKey,
        Optional<AuthMethods> auth, Optional<Failure> failure) {

    /** The phases of a connection, in order. */
    enum Stage {
        CONNECT("connecting"),
        IDENTIFICATION("waiting for the server's identification"),
        KEXINIT("waiting for the server's KEXINIT"),
        KEX("key exchange"),
        AUTH("authentication");

        final String description;

        Stage(String description) {
            this.description = description;
        }
    }

    /**
     * Why a connection stopped.
     *
     * @param stage the phase it stopped in
     * @param message the error, as MINA or the server put it
     * @param timedOut true when the server simply did not answer in time
     */
    record Failure(Stage stage, String message, boolean timedOut) {}
}
