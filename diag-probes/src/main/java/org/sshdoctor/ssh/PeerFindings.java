package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Ids of the findings about what a server did on the wire after its identification: packets no SSH
 * implementation may send, silence, disconnect messages, connections refused under load. Each has a
 * knowledge-base article.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PeerFindings {
    /** A packet with an impossible length, or a KEXINIT whose name-lists do not fit it. */
    public static final String MALFORMED_PACKET = "SSH-KEX-MALFORMED-PACKET";
    /** The server stopped answering in the middle of the key exchange. */
    public static final String KEX_STALLED = "SSH-KEX-STALLED";
    /** Key exchange done, then no answer to the authentication request. */
    public static final String AUTH_NO_ANSWER = "SSH-AUTH-NO-ANSWER";
    /** The server sent SSH_MSG_DISCONNECT (id shared with 'sshdoctor explain'). */
    public static final String DISCONNECTED = "SSH-AUTH-DISCONNECTED";
    /** The server refused some of our connections before greeting (MaxStartups, PerSourcePenalties). */
    public static final String THROTTLED = "SSH-CONN-THROTTLED";

    public static final List<String> ALL = List.of(MALFORMED_PACKET, KEX_STALLED, AUTH_NO_ANSWER, DISCONNECTED, THROTTLED);

    private PeerFindings() {}
}
