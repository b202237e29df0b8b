package org.sshdoctor.logs;

import org.apiguardian.api.API;
import org.sshdoctor.logs.LogEvent.Disconnected.Ending;
import org.sshdoctor.logs.LogEvent.Disconnected.UserState;

/** How events count in the analysis: which ones are failed authentications, which ones hostile signals. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Signals {
    private Signals() {}

    /**
     * True for events that show a client trying and failing to get in (or probing): failed and refused
     * authentications, invalid users, MaxAuthTries, pre-auth timeouts, banner and key-exchange failures,
     * and connections dropped before authentication. A client that says goodbye politely ("Received
     * disconnect") is not hostile.
     */
    public static boolean hostile(LogEvent event) {
        if (event instanceof LogEvent.Disconnected d) {
            return d.ending() != Ending.RECEIVED_DISCONNECT && d.userState() != UserState.AUTHENTICATED
                    && (d.preauth() || d.userState() != UserState.NONE);
        }
        return authFailure(event) || event instanceof LogEvent.BannerProblem || event instanceof LogEvent.PreauthTimeout
                || event instanceof LogEvent.NegotiationFailed;
    }

    /** True for a refused authentication attempt or account (what fail2ban and CrowdSec call "failed auth"). */
    public static boolean authFailure(LogEvent event) {
        return event instanceof LogEvent.Failed || event instanceof LogEvent.PamFailure
                || event instanceof LogEvent.InvalidUser || event instanceof LogEvent.NotAllowed
                || event instanceof LogEvent.RootRefused || event instanceof LogEvent.TooManyFailures
                || (event instanceof LogEvent.Disconnected d && d.preauth()
                        && (d.userState() == UserState.AUTHENTICATING || d.userState() == UserState.INVALID));
    }
}
