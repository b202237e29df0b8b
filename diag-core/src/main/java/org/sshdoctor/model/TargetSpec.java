package org.sshdoctor.model;

import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * A destination as the user wrote it, before flags and configuration are applied.
 * Accepts what ssh accepts and a little more: {@code host}, {@code user@host}, {@code host:port},
 * {@code [v6addr]:port}, {@code ssh://user@host:port}, and bare IPv6 literals.
 *
 * @param host the host part, IPv6 literals without brackets
 * @param user the user part, if any
 * @param port the port part, if any
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TargetSpec(String host, Optional<String> user, OptionalInt port) {

    /**
     * Parses a destination.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public static TargetSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no target given: name a host, e.g. user@host.example.org");
        }
        String rest = text.strip();
        boolean uri = false;
        if (rest.regionMatches(true, 0, "ssh://", 0, 6)) {
            uri = true;
            rest = rest.substring(6);
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            if (rest.contains("/")) {
                throw bad(text, "an ssh:// URI has no path");
            }
        }
        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@'); // as ssh does: the user may itself contain '@'
        if (at >= 0) {
            String u = rest.substring(0, at);
            if (u.isEmpty()) {
                throw bad(text, "the user name before '@' is empty");
            }
            user = Optional.of(uri ? percentDecode(u) : u);
            rest = rest.substring(at + 1);
        }
        String host;
        OptionalInt port = OptionalInt.empty();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad(text, "'[' without a closing ']'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(text, "unexpected text after ']': " + after);
                }
                port = OptionalInt.of(parsePort(after.substring(1), text));
            }
        } else if (AddressLiterals.isIpv6(rest)) {
            host = rest; // a bare IPv6 literal: its colons are not a port separator
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                port = OptionalInt.of(parsePort(rest.substring(colon + 1), text));
                host = rest.substring(0, colon);
            } else {
                host = rest;
            }
        }
        checkHost(host, text);
        return new TargetSpec(host, user, port);
    }

    /**
     * Applies command-line flags, which win over the destination string as in ssh, and defaults.
     *
     * @param portFlag {@code -p}, if given
     * @param userFlag {@code -l}, if given
     * @param localUser the user to log in as when nobody said (ssh uses the local user name)
     */
    public Target toTarget(OptionalInt portFlag, Optional<String> userFlag, String localUser) {
        int effectivePort = portFlag.isPresent() ? portFlag.getAsInt() : port.orElse(Target.DEFAULT_PORT);
        String effectiveUser = userFlag.or(() -> user).orElse(localUser);
        return new Target(host, host, effectivePort, effectiveUser);
    }

    /** Parses a port given as text, as for {@code -p}. */
    public static int parsePort(String text, String context) {
        if (text.isEmpty()) {
            throw bad(context, "the port after ':' is empty");
        }
        if (!text.chars().allMatch(Character::isDigit) || text.length() > 5) {
            throw bad(context, "port must be a number 1..65535, got '" + text + "'");
        }
        int value = Integer.parseInt(text);
        if (value < 1 || value > 65535) {
            throw bad(context, "port must be 1..65535, got " + value);
        }
        return value;
    }

    private static void checkHost(String host, String text) {
        if (host.isEmpty()) {
            throw bad(text, "the host name is empty");
        }
        if (host.startsWith("-")) {
            throw bad(text, "a host name cannot start with '-'");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "'\"`$;&|<>\\/".indexOf(c) >= 0) {
                throw bad(text, "the host name contains an invalid character " + describe(c));
            }
        }
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static String percentDecode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad target '" + text + "': " + why);
    }
}
