package org.sshdoctor.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.openssh.Patterns;

/**
 * One {@code Match} line: criteria that must all hold ({@code servconf.c match_cfg_line}).
 *
 * @param text the criteria as written, for display
 * @param criteria attribute (lower case) and argument pairs; {@code all} has an empty argument
 * @param origin where the Match line is
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MatchCondition(String text, List<Criterion> criteria, Origin origin) {
    public MatchCondition {
        criteria = List.copyOf(criteria);
    }

    /** One {@code attribute pattern-list} pair. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Criterion(String attribute, String argument) {}

    /**
     * Parses the arguments of a Match line.
     *
     * @return the condition, or the error sshd prints before "Bad Match condition"
     */
    static ParseResult parse(List<String> args, Origin origin) {
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String attribute = args.get(i).toLowerCase(Locale.ROOT);
            if (attribute.equals("all")) {
                if (!criteria.isEmpty() || i + 1 < args.size()) {
                    return ParseResult.error("'all' cannot be combined with other Match attributes");
                }
                criteria.add(new Criterion("all", ""));
                continue;
            }
            if (i + 1 >= args.size()) {
                return ParseResult.error("Missing Match criteria for " + args.get(i));
            }
            String argument = args.get(++i);
            switch (attribute) {
                case "user", "group", "host", "rdomain" -> { }
                case "address", "localaddress" -> {
                    if (Patterns.addrMatchList(Optional.empty(), argument) != 0) {
                        return ParseResult.error("Invalid Match " + attribute + " argument '" + argument + "'");
                    }
                }
                case "localport" -> {
                    if (parsePort(argument).isEmpty()) {
                        return ParseResult.error("Invalid LocalPort '" + argument + "' on Match line");
                    }
                }
                default -> {
                    return ParseResult.error("Unsupported Match attribute " + args.get(i - 1));
                }
            }
            criteria.add(new Criterion(attribute, argument));
        }
        if (criteria.isEmpty()) {
            return ParseResult.error("One or more attributes required for Match");
        }
        return new ParseResult(Optional.of(new MatchCondition(String.join(" ", args), criteria, origin)), "");
    }

    /** A parsed condition or the reason it could not be parsed. */
    record ParseResult(Optional<MatchCondition> condition, String error) {
        static ParseResult error(String message) {
            return new ParseResult(Optional.empty(), message);
        }
    }

    /** True for {@code Match all}, which is active even when no connection is known. */
    public boolean isAll() {
        return criteria.size() == 1 && criteria.get(0).attribute().equals("all");
    }

    /** Whether every criterion holds for the connection (an attribute the spec lacks never matches). */
    public boolean matches(ConnectionSpec spec) {
        for (Criterion c : criteria) {
            boolean ok = switch (c.attribute()) {
                case "all" -> true;
                case "user" -> spec.user().map(u -> Patterns.matchPatternList(u, c.argument(), false) == 1)
                        .orElse(false);
                case "group" -> spec.user().isPresent() && groupsMatch(spec.groups(), c.argument());
                case "host" -> spec.host().map(h -> Patterns.matchHostname(h, c.argument()) == 1).orElse(false);
                case "address" -> spec.address().isPresent()
                        && Patterns.addrMatchList(spec.address(), c.argument()) == 1;
                case "localaddress" -> spec.localAddress().isPresent()
                        && Patterns.addrMatchList(spec.localAddress(), c.argument()) == 1;
                case "localport" -> spec.localPort().isPresent()
                        && parsePort(c.argument()).orElse(-1) == spec.localPort().getAsInt();
                default -> false; // rdomain: never set by our specs
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code ga_match_pattern_list}: any group matches, but a negated match on any group wins. */
    private static boolean groupsMatch(List<String> groups, String list) {
        boolean found = false;
        for (String group : groups) {
            int r = Patterns.matchPatternList(group, list, false);
            if (r == -1) {
                return false;
            }
            found |= r == 1;
        }
        return found;
    }

    private static Optional<Integer> parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Match " + text;
    }
}
