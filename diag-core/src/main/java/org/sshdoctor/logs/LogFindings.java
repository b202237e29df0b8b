package org.sshdoctor.logs;

import java.util.List;
import org.apiguardian.api.API;

/** The finding ids {@code sshdoctor logs} emits; each has an article in kb/logs.yaml. Stable forever. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogFindings {
    public static final String BRUTE_FORCE = "SSH-LOG-BRUTE-FORCE";
    public static final String DISTRIBUTED_ATTACK = "SSH-LOG-DISTRIBUTED-ATTACK";
    public static final String ATTACKS_VIA_LOOPBACK = "SSH-LOG-ATTACKS-VIA-LOOPBACK";
    public static final String NONE_PROBES = "SSH-LOG-NONE-PROBES";
    public static final String SCANS = "SSH-LOG-SCANS";
    public static final String OWN_PROBES = "SSH-LOG-SSHDOCTOR-PROBES";
    public static final String NEGOTIATION_FAILED = "SSH-LOG-NEGOTIATION-FAILED";
    public static final String SIGNATURE_ALGORITHM_REFUSED = "SSH-LOG-SIGNATURE-ALGORITHM-REFUSED";
    public static final String ROOT_PASSWORD_LOGIN = "SSH-LOG-ROOT-PASSWORD-LOGIN";
    public static final String REVOKED_KEY_USED = "SSH-LOG-REVOKED-KEY-USED";
    public static final String CERTIFICATE_REFUSED = "SSH-LOG-CERTIFICATE-REFUSED";
    public static final String STRICTMODES_REFUSED = "SSH-LOG-STRICTMODES-REFUSED";
    public static final String CHROOT_OWNERSHIP = "SSH-LOG-CHROOT-OWNERSHIP";
    public static final String SUBSYSTEM_MISSING = "SSH-LOG-SUBSYSTEM-MISSING";
    public static final String ACCOUNT_UNUSABLE = "SSH-LOG-ACCOUNT-UNUSABLE";
    public static final String USER_NOT_ALLOWED = "SSH-LOG-USER-NOT-ALLOWED";
    public static final String MAXSTARTUPS_DROPS = "SSH-LOG-MAXSTARTUPS-DROPS";
    public static final String SERVER_CONFIG_ERROR = "SSH-LOG-SERVER-CONFIG-ERROR";
    public static final String PREAUTH_TIMEOUTS = "SSH-LOG-PREAUTH-TIMEOUTS";
    public static final String CLIENTS_DROPPED = "SSH-LOG-CLIENTS-DROPPED";
    public static final String SFTP_ERRORS = "SSH-LOG-SFTP-ERRORS";
    public static final String UNRECOGNISED_LINES = "SSH-LOG-UNRECOGNISED-LINES";

    /** Every id above, for the catalogue test (each must have a KB article). */
    public static final List<String> ALL = List.of(BRUTE_FORCE, DISTRIBUTED_ATTACK, ATTACKS_VIA_LOOPBACK, NONE_PROBES, SCANS,
            OWN_PROBES, NEGOTIATION_FAILED, SIGNATURE_ALGORITHM_REFUSED, ROOT_PASSWORD_LOGIN, REVOKED_KEY_USED,
            CERTIFICATE_REFUSED, STRICTMODES_REFUSED, CHROOT_OWNERSHIP, SUBSYSTEM_MISSING, ACCOUNT_UNUSABLE, USER_NOT_ALLOWED,
            MAXSTARTUPS_DROPS, SERVER_CONFIG_ERROR, PREAUTH_TIMEOUTS, CLIENTS_DROPPED, SFTP_ERRORS, UNRECOGNISED_LINES);

    private LogFindings() {}
}
