package org.sshdoctor.sshd;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One keyword line of sshd_config, with the Match conditions it sits under.
 *
 * @param keyword canonical lower-case keyword (aliases resolved)
 * @param args the arguments as sshd splits them (quotes removed)
 * @param raw the text after the keyword, as ForceCommand takes it
 * @param origin where the line is
 * @param guards the Match in effect at each Include level, outermost first; all must hold. Empty
 *     for a line outside any Match block
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Directive(String keyword, List<String> args, String raw, Origin origin, List<MatchCondition> guards) {
    public Directive {
        Objects.requireNonNull(keyword, "keyword");
        args = List.copyOf(args);
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(origin, "origin");
        guards = List.copyOf(guards);
    }

    /** Active when sshd reads the config with no connection (its first pass): no Match, or only {@code Match all}. */
    boolean activeGlobally() {
        return guards.stream().allMatch(MatchCondition::isAll);
    }

    /** Active in sshd's second pass for this connection: under a Match, and every Match holds. */
    boolean activeInMatch(ConnectionSpec spec) {
        return !guards.isEmpty() && guards.stream().allMatch(m -> m.matches(spec));
    }
}
