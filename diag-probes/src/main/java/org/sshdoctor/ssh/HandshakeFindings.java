package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the handshake probes' findings (kex, negotiation, host keys, auth methods). Each has a KB article. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HandshakeFindings {
    // Ids shared with 'sshdoctor explain' (its articles in kex.yaml and hostkey.yaml): one problem, one id,
    // whether it was predicted by a diagnosis or read from ssh's output.
    /** The server ended or stalled the connection before or during key exchange. */
    public static final String KEX_FAILED = "SSH-KEX-FAILED";
    /** Negotiation for the user's client works: what it would pick. */
    public static final String ALGO_NEGOTIATED = "SSH-ALGO-NEGOTIATED";
    public static final String ALGO_NO_COMMON_KEX = "SSH-KEX-NO-KEX-MATCH";
    public static final String ALGO_NO_COMMON_HOSTKEY = "SSH-KEX-NO-HOSTKEY-MATCH";
    public static final String ALGO_NO_COMMON_CIPHER = "SSH-KEX-NO-CIPHER-MATCH";
    public static final String ALGO_NO_COMMON_MAC = "SSH-KEX-NO-MAC-MATCH";
    public static final String ALGO_NO_COMMON_COMPRESSION = "SSH-KEX-NO-COMPRESSION-MATCH";
    /** Legacy algorithms the server also offers (info; warning with --audit). */
    public static final String ALGO_LEGACY_OFFERED = "SSH-ALGO-LEGACY-OFFERED";
    /** The user's client would itself negotiate a legacy algorithm (its configuration re-enables it). */
    public static final String ALGO_LEGACY_USED = "SSH-ALGO-LEGACY-USED";
    /** No strict key exchange with a cipher/MAC combination Terrapin can attack (audit). */
    public static final String ALGO_TERRAPIN = "SSH-ALGO-TERRAPIN-EXPOSED";
    /** The host keys match the known_hosts entries. */
    public static final String HOSTKEY_KNOWN = "SSH-HOSTKEY-KNOWN";
    /** No known_hosts entry: the first connection asks the user to verify the fingerprint. */
    public static final String HOSTKEY_UNKNOWN = "SSH-HOSTKEY-UNKNOWN-PROMPT";
    /** A known_hosts entry holds another key: REMOTE HOST IDENTIFICATION HAS CHANGED. */
    public static final String HOSTKEY_CHANGED = "SSH-HOSTKEY-CHANGED";
    /** The server's key is marked @revoked. */
    public static final String HOSTKEY_REVOKED = "SSH-HOSTKEY-REVOKED";
    /** A host certificate from a trusted CA that ssh rejects (principal, validity, type). */
    public static final String HOSTKEY_CERT_INVALID = "SSH-HOSTKEY-CERT-INVALID";
    /** known_hosts lines ssh cannot parse. */
    public static final String KNOWN_HOSTS_MALFORMED = "SSH-HOSTKEY-KNOWN-HOSTS-MALFORMED";
    /** SSHFP records in DNS match the host keys (ok when DNSSEC-validated, info when not). */
    public static final String SSHFP_MATCH = "SSH-SSHFP-MATCH";
    /** SSHFP records exist for a key type but match no key the server presents. */
    public static final String SSHFP_MISMATCH = "SSH-SSHFP-MISMATCH";
    /** The methods the server offers to this user. */
    public static final String AUTH_METHODS = "SSH-AUTH-METHODS";
    /** The server accepted the "none" method: no authentication at all. */
    public static final String AUTH_NONE_ACCEPTED = "SSH-AUTH-NONE-ACCEPTED";
    /** The server offers no method this client can use. */
    public static final String AUTH_NO_USABLE_METHOD = "SSH-AUTH-NO-USABLE-METHOD";

    /** Every id above, for the catalogue test. */
    public static final List<String> ALL = List.of(KEX_FAILED, ALGO_NEGOTIATED, ALGO_NO_COMMON_KEX,
            ALGO_NO_COMMON_HOSTKEY, ALGO_NO_COMMON_CIPHER, ALGO_NO_COMMON_MAC, ALGO_NO_COMMON_COMPRESSION,
            ALGO_LEGACY_OFFERED, ALGO_LEGACY_USED, ALGO_TERRAPIN, HOSTKEY_KNOWN, HOSTKEY_UNKNOWN, HOSTKEY_CHANGED, HOSTKEY_REVOKED,
            HOSTKEY_CERT_INVALID, KNOWN_HOSTS_MALFORMED, SSHFP_MATCH, SSHFP_MISMATCH, AUTH_METHODS, AUTH_NONE_ACCEPTED, AUTH_NO_USABLE_METHOD);

    /** The id of the "no common algorithm" finding of a kind. */
    static String noCommon(AlgorithmKind kind) {
        return switch (kind) {
            case KEX -> ALGO_NO_COMMON_KEX;
            case HOST_KEY -> ALGO_NO_COMMON_HOSTKEY;
            case CIPHER -> ALGO_NO_COMMON_CIPHER;
            case MAC -> ALGO_NO_COMMON_MAC;
            case COMPRESSION -> ALGO_NO_COMMON_COMPRESSION;
        };
    }

    private HandshakeFindings() {}
}
