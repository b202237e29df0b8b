package org.sshdoctor.auth;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import org.apiguardian.api.API;

/**
 * The server's answer to a publickey query for one key (RFC 4252 §7, "has signature" false).
 *
 * @param key the key asked about
 * @param algorithm the public-key algorithm named in the query ({@code rsa-sha2-512} for RSA)
 * @param answer what the server said
 * @param connection 1-based number of the connection that asked (a new one after each disconnect)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KeyAnswer(PublicKey key, String algorithm, Answer answer, int connection) {

    /** A server's possible answers. */
    public enum Answer {
        /** SSH_MSG_USERAUTH_PK_OK: the key is authorized; a real login would now sign with it. */
        ACCEPTED,
        /** SSH_MSG_USERAUTH_FAILURE: not authorized (or not for this algorithm). */
        REFUSED,
        /** The server disconnected in answer to this query (MaxAuthTries reached): counts as refused. */
        REFUSED_AND_DISCONNECTED,
        /** Not asked: the server does not offer publickey, or every connection attempt failed. */
        NOT_ASKED
    }

    public KeyAnswer {
        requireNonNull(key, "key");
        requireNonNull(algorithm, "algorithm");
        requireNonNull(answer, "answer");
    }

    public boolean accepted() {
        return answer == Answer.ACCEPTED;
    }
}
