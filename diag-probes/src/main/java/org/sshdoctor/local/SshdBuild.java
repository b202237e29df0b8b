package org.sshdoctor.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which sshd build decides: its release string ({@code OpenSSH_9.2p1 Debian-2+deb12u10}), read from
 * the binary itself, and whether it carries Debian's {@code user-group-modes} patch (Debian and
 * Ubuntu builds do; upstream, RHEL and Fedora do not).
 *
 * @param release the release string, or empty when the binary could not be read
 * @param debianGroupRule true when group-write is accepted for a user's private group
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SshdBuild(Optional<String> release, boolean debianGroupRule) {
    private static final Pattern RELEASE = Pattern.compile("OpenSSH_[0-9][0-9.p]*( (Debian|Ubuntu)-[A-Za-z0-9.+~-]+)?");

    /** Reads the release string from the sshd binary (no process is started). */
    public static SshdBuild of(Path sshd) {
        try {
            String text = new String(Files.readAllBytes(sshd), StandardCharsets.ISO_8859_1);
            Matcher m = RELEASE.matcher(text);
            String best = null;
            while (m.find()) {
                if (best == null || m.group().length() > best.length()) {
                    best = m.group();
                }
            }
            return best == null ? new SshdBuild(Optional.empty(), false)
                    : new SshdBuild(Optional.of(best), best.contains(" Debian-") || best.contains(" Ubuntu-"));
        } catch (IOException | RuntimeException e) {
            return new SshdBuild(Optional.empty(), false);
        }
    }

    /** A one-line description of the StrictModes rule this build applies. */
    public String ruleDescription() {
        return release.orElse("sshd (version unknown)") + (debianGroupRule
                ? ": Debian rule, group-write is accepted when the group's only member is the user"
                : ": upstream rule, any group or other write bit is refused");
    }
}
