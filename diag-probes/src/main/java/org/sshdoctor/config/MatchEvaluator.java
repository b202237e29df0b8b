package org.sshdoctor.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sshdoctor.openssh.Patterns;

/**
 * Evaluates a {@code Match} line as {@code readconf.c:match_cfg_line} (9.2): criteria are ANDed left to
 * right, each may be negated with {@code !}; {@code exec} is not run once an earlier criterion failed.
 */
final class MatchEvaluator {
    private final ConfigResolver state;

    MatchEvaluator(ConfigResolver state) {
        this.state = state;
    }

    /**
     * @throws IllegalArgumentException with ssh's message for a malformed line ("Bad Match condition"...)
     */
    boolean matches(List<String> args, ConfigOrigin origin) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("One or more attributes required for Match");
        }
        boolean result = true;
        int attributes = 0;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            boolean negate = word.startsWith("!");
            String attribute = (negate ? word.substring(1) : word).toLowerCase(Locale.ROOT);
            attributes++;
            if (attribute.equals("all")) {
                if (attributes > 2 || i + 1 < args.size()) {
                    throw new IllegalArgumentException("'all' cannot be combined with other Match attributes");
                }
                return result && !negate;
            }
            if (attribute.equals("canonical") || attribute.equals("final")) {
                if (attribute.equals("final")) {
                    state.requestFinalPass();
                }
                if (state.finalPass() == negate) {
                    result = false;
                }
                continue;
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("#")) {
                throw new IllegalArgumentException("Missing Match criteria for " + attribute);
            }
            String criteria = args.get(++i);
            boolean matched;
            switch (attribute) {
                case "host" -> matched = Patterns.matchHostname(state.matchHost(), criteria) == 1;
                case "originalhost" -> matched = Patterns.matchHostname(state.request().host(), criteria) == 1;
                case "user" -> matched = Patterns.matchPatternList(state.matchUser(), criteria, false) == 1;
                case "localuser" -> matched = Patterns.matchPatternList(state.request().account().name(), criteria, false) == 1;
                case "exec" -> {
                    if (!result) {
                        continue; // ssh: "skipped exec"
                    }
                    matched = state.request().exec().succeeds(expandExec(criteria));
                }
                default -> throw new IllegalArgumentException("Unsupported Match attribute " + attribute);
            }
            if (matched == negate) {
                result = false;
            }
        }
        return result;
    }

    /** The tokens {@code %C %L %d %h %k %l %n %p %r %u %i} of a Match exec command. */
    private String expandExec(String command) {
        ConfigRequest request = state.request();
        String local = request.localHostName();
        int dot = local.indexOf('.');
        String host = state.matchHost();
        String port = Integer.toString(state.matchPort());
        String user = state.matchUser();
        String hash = ConnectionHash.of(local, host, port, user);
        Map<Character, String> tokens = Map.ofEntries(
                Map.entry('C', hash), Map.entry('L', dot < 0 ? local : local.substring(0, dot)),
                Map.entry('d', request.account().home().toString()), Map.entry('h', host),
                Map.entry('k', state.first("hostkeyalias").orElse(host)), Map.entry('l', local),
                Map.entry('n', request.host()), Map.entry('p', port), Map.entry('r', user),
                Map.entry('u', request.account().name()), Map.entry('i', Long.toString(request.account().uid())));
        return Tokens.percent(command, tokens);
    }
}
