package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one client address did in the log.
 *
 * @param address the client address as logged (normalised: no zone, no ::ffff: prefix)
 * @param attempts failed authentication attempts (Failed lines, or PAM failures when only those exist,
 *     plus refused root/AllowUsers logins and invalid users that never got to a password prompt)
 * @param passwordAttempts failed password and keyboard-interactive attempts (PAM failures when only those exist)
 * @param invalidUsers "Invalid user" lines
 * @param noneProbes "Failed none" attempts for invalid users
 * @param probes banner, key-exchange and pre-authentication drops (what scanners leave)
 * @param accepted successful logins
 * @param usersTried the first user names tried (at most 10)
 * @param distinctUsers how many different user names were tried (counted up to the cap of the list + 1)
 * @param clientVersions client software versions seen, when the log says (at most 3)
 * @param first the first time the address appears
 * @param last the last time it appears
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SourceSummary(String address, long attempts, long passwordAttempts, long invalidUsers, long noneProbes, long probes, long accepted,
        List<String> usersTried, int distinctUsers, List<String> clientVersions, Optional<LocalDateTime> first,
        Optional<LocalDateTime> last) {
    public SourceSummary {
        Objects.requireNonNull(address, "address");
        usersTried = List.copyOf(usersTried);
        clientVersions = List.copyOf(clientVersions);
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /** Everything hostile this source did: attempts plus probes. */
    public long hostile() {
        return attempts + probes;
    }
}
