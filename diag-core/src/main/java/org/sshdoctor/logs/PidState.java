package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known about one sshd process (one connection) while it lives: who, from where, what key or
 * certificate failed, the login, and the SFTP session when the process is an SFTP server. Mutable, owned
 * by {@link LogAnalyzer}'s single thread.
 */
final class PidState {
    /** The key under which a process is filed: pids repeat across hosts in a merged log. */
    record Key(String host, int pid) {}

    final Key key;
    final List<Key> aliases = new ArrayList<>(1);
    String address;
    int port;
    String user;
    boolean invalidUser;
    int failures;
    String clientVersion;
    LocalDateTime firstSeen;
    LocalDateTime lastSeen;
    /** Revoked keys and refused certificates waiting for the line that names the account. */
    final List<PendingCredential> credentials = new ArrayList<>(1);
    Login.Builder login;
    SftpTranscript.Builder sftp;

    PidState(Key key) {
        this.key = key;
    }

    /** A rejected credential whose account and outcome are not known yet. */
    record PendingCredential(CredentialStory.Kind kind, String credential, LogLine line) {}

    boolean preauth() {
        return login == null && sftp == null;
    }
}
