package org.sshdoctor.local;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Ids of the findings of {@code sshdoctor local --server}: why sshd refuses a user's keys. Each has
 * a knowledge-base article (kb/server-auth.yaml).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServerAuthFindings {
    public static final String STRICTMODES_OK = "SSH-STRICTMODES-OK";
    public static final String STRICTMODES_FILE = "SSH-STRICTMODES-FILE";
    public static final String STRICTMODES_DIR = "SSH-STRICTMODES-DIR";
    public static final String STRICTMODES_REALPATH = "SSH-STRICTMODES-REALPATH";
    public static final String STRICTMODES_DEBIAN_GROUP = "SSH-STRICTMODES-DEBIAN-GROUP";
    public static final String STRICTMODES_OFF = "SSH-STRICTMODES-OFF";
    public static final String AUTHKEYS_NONE = "SSH-AUTHKEYS-NONE";
    public static final String AUTHKEYS_NOT_REGULAR = "SSH-AUTHKEYS-NOT-REGULAR";
    public static final String AUTHKEYS_UNREADABLE = "SSH-AUTHKEYS-UNREADABLE";
    public static final String AUTHKEYS_WRAPPED = "SSH-AUTHKEYS-WRAPPED";
    public static final String AUTHKEYS_NO_TYPE = "SSH-AUTHKEYS-NO-TYPE";
    public static final String AUTHKEYS_CRLF = "SSH-AUTHKEYS-CRLF";
    public static final String AUTHKEYS_BAD_OPTIONS = "SSH-AUTHKEYS-BAD-OPTIONS";
    public static final String AUTHKEYS_FROM_PATTERN = "SSH-AUTHKEYS-FROM-PATTERN";
    public static final String AUTHKEYS_DUPLICATE = "SSH-AUTHKEYS-DUPLICATE";
    public static final String AUTHKEYS_TYPE_NOT_ACCEPTED = "SSH-AUTHKEYS-TYPE-NOT-ACCEPTED";
    public static final String AUTHKEYS_COMMENTED_KEY = "SSH-AUTHKEYS-COMMENTED-KEY";
    public static final String AUTHKEYS_BAD_KEY = "SSH-AUTHKEYS-BAD-KEY";
    public static final String ACCOUNT_LOCKED = "SSH-ACCOUNT-LOCKED";
    public static final String ACCOUNT_NO_SHELL = "SSH-ACCOUNT-NO-SHELL";
    public static final String ACCOUNT_NOT_ALLOWED = "SSH-ACCOUNT-NOT-ALLOWED";
    public static final String REVOKEDKEYS_MISSING = "SSH-REVOKEDKEYS-MISSING";
    public static final String REVOKEDKEYS_LISTED = "SSH-REVOKEDKEYS-LISTED";
    public static final String REVOKEDKEYS_NOT_CHECKED = "SSH-REVOKEDKEYS-NOT-CHECKED";
    public static final String HOSTKEY_BAD_MODES = "SSH-HOSTKEY-BAD-MODES";
    public static final String HOSTKEY_MISSING = "SSH-HOSTKEY-MISSING";

    public static final List<String> ALL = List.of(STRICTMODES_OK, STRICTMODES_FILE, STRICTMODES_DIR,
            STRICTMODES_REALPATH, STRICTMODES_DEBIAN_GROUP, STRICTMODES_OFF, AUTHKEYS_NONE, AUTHKEYS_NOT_REGULAR,
            AUTHKEYS_UNREADABLE, AUTHKEYS_WRAPPED, AUTHKEYS_NO_TYPE, AUTHKEYS_CRLF, AUTHKEYS_BAD_OPTIONS,
            AUTHKEYS_FROM_PATTERN, AUTHKEYS_DUPLICATE, AUTHKEYS_TYPE_NOT_ACCEPTED, AUTHKEYS_COMMENTED_KEY,
            AUTHKEYS_BAD_KEY, ACCOUNT_LOCKED, ACCOUNT_NO_SHELL, ACCOUNT_NOT_ALLOWED, REVOKEDKEYS_MISSING,
            REVOKEDKEYS_LISTED, REVOKEDKEYS_NOT_CHECKED, HOSTKEY_BAD_MODES, HOSTKEY_MISSING);

    private ServerAuthFindings() {}
}
