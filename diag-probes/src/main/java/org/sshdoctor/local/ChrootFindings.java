package org.sshdoctor.local;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the findings of the ChrootDirectory check. Each has a knowledge-base article (kb/chroot.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ChrootFindings {
    public static final String OK = "SSH-CHROOT-OK";
    public static final String BAD_OWNERSHIP = "SSH-CHROOT-BAD-OWNERSHIP";
    public static final String NOT_DIRECTORY = "SSH-CHROOT-NOT-DIRECTORY";
    public static final String MISSING = "SSH-CHROOT-MISSING";
    public static final String NOT_ABSOLUTE = "SSH-CHROOT-NOT-ABSOLUTE";
    public static final String BAD_TOKEN = "SSH-CHROOT-BAD-TOKEN";
    public static final String START_DIR_MISSING = "SSH-CHROOT-START-DIR-MISSING";
    public static final String NO_DEV_LOG = "SSH-CHROOT-NO-DEV-LOG";
    public static final String SFTP_SERVER_NOT_IN_JAIL = "SSH-CHROOT-SFTP-SERVER-NOT-IN-JAIL";
    public static final String NOT_CONFIGURED = "SSH-CHROOT-NOT-CONFIGURED";

    public static final List<String> ALL = List.of(OK, BAD_OWNERSHIP, NOT_DIRECTORY, MISSING, NOT_ABSOLUTE, BAD_TOKEN,
            START_DIR_MISSING, NO_DEV_LOG, SFTP_SERVER_NOT_IN_JAIL, NOT_CONFIGURED);

    /** What the client prints when sshd's session child dies on a chroot check after authentication. */
    public static final String CLIENT_SEES = "sftp: Connection closed; ssh: client_loop: send disconnect: Broken pipe"
            + " (or Connection reset by peer)";

    private ChrootFindings() {}
}
