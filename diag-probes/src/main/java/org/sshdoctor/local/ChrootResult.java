package org.sshdoctor.local;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;

/**
 * The verdict on one chroot for one user.
 *
 * @param request what was checked
 * @param expanded the path after %-token expansion; empty when expansion failed
 * @param findings what was found, errors first as sshd would hit them; never empty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ChrootResult(ChrootRequest request, Optional<String> expanded, List<Finding> findings) {
    public ChrootResult {
        findings = List.copyOf(findings);
    }

    /** True when a finding is at warning or error level. */
    public boolean needsAction() {
        return findings.stream().anyMatch(f -> f.severity().needsAction());
    }
}
