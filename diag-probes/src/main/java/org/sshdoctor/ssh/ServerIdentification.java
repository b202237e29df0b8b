package org.sshdoctor.ssh;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The server's identification line, parsed: {@code SSH-protoversion-softwareversion SP comments}
 * (RFC 4253 §4.2), and the software it names.
 *
 * @param line the line as received, without CR LF
 * @param protocolVersion {@code 2.0}, {@code 1.99} or {@code 1.5}
 * @param softwareVersion e.g. {@code OpenSSH_9.2p1}
 * @param comments what follows the first space, e.g. {@code Debian-2+deb12u10}; empty if none
 * @param software the product recognised from the software version
 * @param preBannerLines lines the server sent before the identification
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServerIdentification(String line, String protocolVersion, String softwareVersion, String comments,
        Software software, List<String> preBannerLines) {

    private static final Pattern FORMAT = Pattern.compile("SSH-(\\d+\\.\\d+)-([^ ]+)(?: (.*))?");

    public ServerIdentification {
        preBannerLines = List.copyOf(preBannerLines);
    }

    /** Parses an {@code SSH-} line, or returns empty when it does not have the form ssh accepts. */
    public static Optional<ServerIdentification> parse(String line, List<String> preBannerLines) {
        Matcher m = FORMAT.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String comments = m.group(3) == null ? "" : m.group(3);
        return Optional.of(new ServerIdentification(line, m.group(1), m.group(2), comments,
                SoftwareCatalog.builtIn().identify(m.group(2), comments), preBannerLines));
    }

    /** True for SSH-2.0 and SSH-1.99 (which speaks both), the versions today's clients accept. */
    public boolean speaksSsh2() {
        return protocolVersion.equals("2.0") || protocolVersion.equals("1.99");
    }
}
