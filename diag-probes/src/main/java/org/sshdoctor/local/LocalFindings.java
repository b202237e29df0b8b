package org.sshdoctor.local;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the client-side local findings (keys, certificates, ~/.ssh, agent, identities). KB: kb/client.yaml. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LocalFindings {
    public static final String KEY_UNPROTECTED = "SSH-KEY-UNPROTECTED";
    public static final String KEY_CRLF = "SSH-KEY-CRLF";
    public static final String KEY_TRUNCATED = "SSH-KEY-TRUNCATED";
    public static final String KEY_CORRUPT = "SSH-KEY-CORRUPT";
    public static final String KEY_PUTTY = "SSH-KEY-PUTTY-FORMAT";
    public static final String KEY_PUBLIC_AS_PRIVATE = "SSH-KEY-PUBLIC-AS-PRIVATE";
    public static final String KEY_UNKNOWN_FORMAT = "SSH-KEY-UNKNOWN-FORMAT";
    public static final String KEY_PUB_MISMATCH = "SSH-KEY-PUB-MISMATCH";
    public static final String KEY_NO_PUBLIC_HALF = "SSH-KEY-NO-PUBLIC-HALF";
    public static final String KEY_MISSING = "SSH-KEY-MISSING";
    public static final String KEY_WRONG_PASSPHRASE = "SSH-KEY-WRONG-PASSPHRASE";
    public static final String KEY_OK = "SSH-KEY-OK";
    public static final String CERT_EXPIRED = "SSH-CERT-EXPIRED";
    public static final String CERT_NOT_YET_VALID = "SSH-CERT-NOT-YET-VALID";
    public static final String CERT_WRONG_PRINCIPAL = "SSH-CERT-WRONG-PRINCIPAL";
    public static final String CERT_SOURCE_ADDRESS = "SSH-CERT-SOURCE-ADDRESS";
    public static final String CERT_NOT_USER = "SSH-CERT-NOT-USER-CERT";
    public static final String CERT_KEY_MISMATCH = "SSH-CERT-KEY-MISMATCH";
    public static final String CERT_OK = "SSH-CERT-OK";
    public static final String SSHDIR_PERMISSIONS = "SSH-SSHDIR-PERMISSIONS";
    public static final String SSHDIR_MISSING = "SSH-SSHDIR-MISSING";
    public static final String AGENT_NONE = "SSH-AGENT-NONE";
    public static final String AGENT_UNREACHABLE = "SSH-AGENT-UNREACHABLE";
    public static final String AGENT_EMPTY = "SSH-AGENT-EMPTY";
    public static final String AGENT_MANY_KEYS = "SSH-AGENT-MANY-KEYS";
    public static final String AGENT_OK = "SSH-AGENT-OK";
    public static final String IDENTITIES_OFFERED = "SSH-IDENTITIES-OFFERED";
    public static final String IDENTITIES_BEYOND_MAX_AUTH_TRIES = "SSH-IDENTITIES-BEYOND-MAXAUTHTRIES";
    public static final String IDENTITIES_NONE = "SSH-IDENTITIES-NONE";

    public static final List<String> ALL = List.of(KEY_UNPROTECTED, KEY_CRLF, KEY_TRUNCATED, KEY_CORRUPT, KEY_PUTTY,
            KEY_PUBLIC_AS_PRIVATE, KEY_UNKNOWN_FORMAT, KEY_PUB_MISMATCH, KEY_NO_PUBLIC_HALF, KEY_MISSING, KEY_WRONG_PASSPHRASE,
            KEY_OK,
            CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_WRONG_PRINCIPAL, CERT_SOURCE_ADDRESS, CERT_NOT_USER,
            CERT_KEY_MISMATCH, CERT_OK, SSHDIR_PERMISSIONS, SSHDIR_MISSING, AGENT_NONE, AGENT_UNREACHABLE,
            AGENT_EMPTY, AGENT_MANY_KEYS, AGENT_OK, IDENTITIES_OFFERED, IDENTITIES_BEYOND_MAX_AUTH_TRIES,
            IDENTITIES_NONE);

    private LocalFindings() {}
}
