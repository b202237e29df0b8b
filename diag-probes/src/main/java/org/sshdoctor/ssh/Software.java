package org.sshdoctor.ssh;

import org.apiguardian.api.API;

/**
 * An SSH implementation recognised from an identification line.
 *
 * @param product e.g. {@code OpenSSH}, {@code Dropbear}, {@code TinySSH}; {@code unknown} if not recognised
 * @param family a stable key for the implementation: {@code openssh}, {@code dropbear}, {@code tinyssh} …
 * @param version the product's version as announced, empty if none
 * @param platform the operating system or distribution the comments reveal, empty if none
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Software(String product, String family, String version, String platform) {

    public boolean isKnown() {
        return !family.equals("unknown");
    }

    /** {@code OpenSSH 9.2p1, Debian 12 "bookworm"}: for summaries. */
    public String describe() {
        StringBuilder out = new StringBuilder(product);
        if (!version.isEmpty()) {
            out.append(' ').append(version);
        }
        if (!platform.isEmpty()) {
            out.append(", ").append(platform);
        }
        return out.toString();
    }
}
