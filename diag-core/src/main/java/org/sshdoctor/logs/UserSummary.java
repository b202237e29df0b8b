package org.sshdoctor.logs;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What happened to one account name.
 *
 * @param user the name as logged
 * @param failures failed attempts and refusals
 * @param invalid true when sshd said the account does not exist
 * @param accepted successful logins
 * @param sources how many different addresses tried it (counted up to a cap)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UserSummary(String user, long failures, boolean invalid, long accepted, int sources) {
    public UserSummary {
        Objects.requireNonNull(user, "user");
    }
}
