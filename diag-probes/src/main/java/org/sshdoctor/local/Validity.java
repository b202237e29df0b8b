package org.sshdoctor.local;

import java.time.Instant;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/** A certificate's validity window as text ({@code from 2026-01-01T00:00:00Z to forever}). */
final class Validity {
    private Validity() {}

    static String describe(OpenSshCertificate cert) {
        return "from " + time(cert.getValidAfter(), "always") + " to " + time(cert.getValidBefore(), "forever");
    }

    private static String time(long seconds, String unbounded) {
        if (seconds == 0 && unbounded.equals("always") || seconds == -1L || Long.compareUnsigned(seconds, 253402300799L) > 0) {
            return unbounded;
        }
        return Instant.ofEpochSecond(seconds).toString();
    }
}
