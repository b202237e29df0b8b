package org.sshdoctor.auth;

import java.util.List;
import org.apiguardian.api.API;

/** Ids of the public-key acceptance findings. Each has a knowledge-base article (kb/client.yaml). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuthFindings {
    public static final String PUBKEY_ACCEPTED = "SSH-PUBKEY-ACCEPTED";
    public static final String PUBKEY_NONE_ACCEPTED = "SSH-PUBKEY-NONE-ACCEPTED";
    public static final String PUBKEY_TOO_MANY_FAILURES = "SSH-PUBKEY-TOO-MANY-FAILURES";
    public static final String PUBKEY_ANY_KEY_ACCEPTED = "SSH-PUBKEY-ANY-KEY-ACCEPTED";
    public static final String PUBKEY_NOT_ASKED = "SSH-PUBKEY-NOT-ASKED";
    /** The query was not made: the host key is not trusted (kb/pubkey-query.yaml). */
    public static final String PUBKEY_QUERY_SKIPPED = "SSH-PUBKEY-QUERY-SKIPPED";

    public static final List<String> ALL = List.of(PUBKEY_ACCEPTED, PUBKEY_NONE_ACCEPTED, PUBKEY_TOO_MANY_FAILURES,
            PUBKEY_ANY_KEY_ACCEPTED, PUBKEY_NOT_ASKED, PUBKEY_QUERY_SKIPPED);

    private AuthFindings() {}
}
