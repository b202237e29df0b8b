package org.sshdoctor.logs;

import static org.sshdoctor.logs.Rules.address;
import static org.sshdoctor.logs.Rules.optional;
import static org.sshdoctor.logs.Rules.optionalAddress;
import static org.sshdoctor.logs.Rules.port;
import static org.sshdoctor.logs.Rules.text;

import java.util.Optional;
import org.sshdoctor.logs.LogEvent.Accepted;
import org.sshdoctor.logs.LogEvent.Connected;
import org.sshdoctor.logs.LogEvent.Disconnected;
import org.sshdoctor.logs.LogEvent.Disconnected.Ending;
import org.sshdoctor.logs.LogEvent.Disconnected.UserState;
import org.sshdoctor.logs.LogEvent.Failed;
import org.sshdoctor.logs.LogEvent.InvalidUser;
import org.sshdoctor.logs.LogEvent.ServerEvent;
import org.sshdoctor.logs.LogEvent.SessionClosed;
import org.sshdoctor.logs.LogEvent.TooManyFailures;

/** Dropbear's messages (svr-auth.c, svr-authpasswd.c, svr-authpubkey.c, common-session.c). Addresses are "A:P". */
final class DropbearRules {
    private static final String FROM = " from <?(\\S+):(\\d+)>?";

    private DropbearRules() {}

    static void register(Rules r) {
        r.add("Bad", "Bad (?:PAM )?password attempt for '(.*)'" + FROM, (c, m) ->
                new Failed(c.line(), text(m, 1), false, "password", address(m, 2), port(m, 3), Optional.empty()));
        r.add("Login", "Login attempt for nonexistent user(?: '(.*)')?" + FROM, (c, m) ->
                new InvalidUser(c.line(), text(m, 1), address(m, 2), port(m, 3)));
        r.add("Exit", "Exit before auth from <(\\S+):(\\d+)>: (?:\\(user '(.*)', (\\d+) fails\\): )?(.*)", (c, m) ->
                new Disconnected(c.line(), Ending.CLOSED, optional(m, 3), m.group(3) == null ? UserState.NONE : UserState.AUTHENTICATING,
                        optionalAddress(m, 1), port(m, 2), true, text(m, 5)));
        r.add("Exit", "Exit \\((.*)\\) from <(\\S+):(\\d+)>: (.*)", (c, m) ->
                new SessionClosed(c.line(), text(m, 1), optionalAddress(m, 2), port(m, 3)));
        r.add("Exit", "Exit \\((.*)\\)(?: from .*)?: .*", (c, m) -> new SessionClosed(c.line(), text(m, 1), Optional.empty(), 0));
        r.add("Password", "Password auth succeeded for '(.*)'" + FROM, (c, m) ->
                new Accepted(c.line(), text(m, 1), "password", address(m, 2), port(m, 3), Optional.empty()));
        r.add("Pubkey", "Pubkey auth succeeded for '(.*)' with (?:key )?(\\S+) (?:key )?(\\S+)" + FROM, (c, m) ->
                new Accepted(c.line(), text(m, 1), "publickey", address(m, 4), port(m, 5),
                        Optional.of(new KeyInfo(text(m, 2), text(m, 3), Optional.empty()))));
        r.add("Pubkey", "Pubkey auth attempt with unknown algo for '(.*)'" + FROM, (c, m) ->
                new Failed(c.line(), text(m, 1), false, "publickey", address(m, 2), port(m, 3), Optional.empty()));
        r.add("Child", "Child connection from (\\S+):(\\d+)", (c, m) ->
                new Connected(c.line(), address(m, 1), port(m, 2), "", 0));
        r.add("Max", "Max auth tries reached - user '(.*)'" + FROM, (c, m) ->
                new TooManyFailures(c.line(), optional(m, 1), false, optionalAddress(m, 2), port(m, 3)));
        r.add("Running", "Running in background", (c, m) -> new ServerEvent(c.line(), ServerEvent.Kind.LISTENING, c.line().message()));
        r.add("Not", "Not backgrounding", (c, m) -> new ServerEvent(c.line(), ServerEvent.Kind.LISTENING, c.line().message()));
        r.add("Early", "Early exit: (.*)", (c, m) -> new ServerEvent(c.line(), ServerEvent.Kind.RUNTIME_ERROR, c.line().message()));
        r.add("Premature", "Premature exit: (.*)", (c, m) -> new ServerEvent(c.line(), ServerEvent.Kind.RUNTIME_ERROR, c.line().message()));
    }
}
