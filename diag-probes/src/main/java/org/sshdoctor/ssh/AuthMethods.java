package org.sshdoctor.ssh;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How the server answered a {@code none} authentication request for the user.
 *
 * @param user the user name sent
 * @param methods "authentications that can continue", in the server's order; empty when none was accepted
 * @param noneAccepted true when the server let the user in without any authentication
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuthMethods(String user, List<String> methods, boolean noneAccepted) {
    public AuthMethods {
        methods = List.copyOf(methods);
    }
}
