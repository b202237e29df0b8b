package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A revoked key or a refused certificate, tied to its account and client by the later lines of the same
 * sshd process. sshd logs the key but not the account when it refuses a revoked key or a certificate;
 * the same pid's "Connection closed by authenticating user U A port P", "Failed password for U" or
 * "Accepted ... for U" names them (the Wikibook's awk recipe, done for every outcome).
 *
 * @param kind revoked key or refused certificate
 * @param credential "RSA SHA256:..." for a key, the reason for a certificate ("expired" ...)
 * @param user the account, when a later line of the process names it
 * @param address the client, when known
 * @param outcome what the client did next
 * @param time when the credential was refused
 * @param host the server host as logged
 * @param pid the sshd process
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CredentialStory(Kind kind, String credential, Optional<String> user, Optional<String> address,
        Outcome outcome, Optional<LocalDateTime> time, String host, int pid) {
    public CredentialStory {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
    }

    /** What was refused. */
    public enum Kind { REVOKED_KEY, CERTIFICATE }

    /** What the client did after the refusal. */
    public enum Outcome {
        /** It logged in with another method (e.g. a password). */
        LOGGED_IN_OTHERWISE,
        /** It gave up: the connection closed before another method succeeded. */
        GAVE_UP,
        /** Other methods failed too. */
        FAILED_OTHERWISE,
        /** LoginGraceTime expired. */
        TIMED_OUT,
        /** The log ends (or the process was forgotten) before the outcome. */
        UNKNOWN;

        public String label() {
            return switch (this) {
                case LOGGED_IN_OTHERWISE -> "then logged in another way";
                case GAVE_UP -> "then gave up";
                case FAILED_OTHERWISE -> "then failed other methods too";
                case TIMED_OUT -> "then timed out";
                case UNKNOWN -> "outcome not in the log";
            };
        }
    }

    /** One line for humans. */
    public String describe() {
        String what = kind == Kind.REVOKED_KEY ? "revoked key " + credential : "certificate refused (" + credential + ")";
        return what + " for " + user.orElse("an unknown account") + address.map(a -> " from " + a).orElse("")
                + ", " + outcome.label();
    }
}
