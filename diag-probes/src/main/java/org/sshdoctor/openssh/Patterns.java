package org.sshdoctor.openssh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.sshdoctor.model.AddressLiterals;

/**
 * OpenSSH's pattern matching ({@code match.c}, {@code addrmatch.c}), which ssh (Host, Match) and
 * sshd (Match, Allow/Deny lists, from=) share: {@code *} and {@code ?} wildcards, comma lists where
 * a matching {@code !pattern} wins over everything, and address lists with CIDR networks. Return values follow OpenSSH: 1 match, 0 no match, -1 negated match, -2 invalid.
 */
@org.apiguardian.api.API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
public final class Patterns {
    private Patterns() {}

    /** {@code match_pattern}: case-sensitive glob with {@code *} and {@code ?}. */
    public static boolean matchPattern(String s, String pattern) {
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = 0;
        while (si < s.length()) {
            if (pi < pattern.length() && (pattern.charAt(pi) == '?' || pattern.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < pattern.length() && pattern.charAt(pi) == '*') {
                starP = pi++;
                starS = si;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pattern.length();
    }

    /** {@code match_pattern_list}: 1 when a positive pattern matches, -1 when a negated one does, else 0. */
    public static int matchPatternList(String s, String list, boolean lowerCase) {
        boolean positive = false;
        for (String sub : list.split(",", -1)) {
            boolean negated = sub.startsWith("!");
            String pattern = negated ? sub.substring(1) : sub;
            if (lowerCase) {
                pattern = pattern.toLowerCase(Locale.ROOT);
            }
            if (matchPattern(s, pattern)) {
                if (negated) {
                    return -1;
                }
                positive = true;
            }
        }
        return positive ? 1 : 0;
    }

    /** {@code match_hostname}: a pattern list on the lower-cased host name. */
    public static int matchHostname(String host, String list) {
        return matchPatternList(host.toLowerCase(Locale.ROOT), list, true);
    }

    /**
     * {@code addr_match_list}: CIDR networks or wildcard patterns, comma separated, {@code !} negates.
     * With {@code address} empty, only checks the list: 0 when valid, -2 when not.
     */
    public static int addrMatchList(Optional<String> address, String list) {
        Optional<byte[]> tryAddress = address.flatMap(Patterns::parseAddress);
        if (address.isPresent() && tryAddress.isEmpty()) {
            return 0;
        }
        int result = 0;
        for (String entry : list.split(",", -1)) {
            boolean negated = entry.startsWith("!");
            String cp = negated ? entry.substring(1) : entry;
            if (cp.isEmpty()) {
                return -2;
            }
            Cidr cidr = Cidr.parse(cp);
            boolean found;
            if (cidr == Cidr.INVALID) {
                return -2;
            } else if (cidr != null) {
                found = tryAddress.isPresent() && cidr.contains(tryAddress.get());
            } else {
                found = address.isPresent() && matchPattern(address.get(), cp);
            }
            if (found) {
                if (negated) {
                    return -1;
                }
                result = 1;
            }
        }
        return result;
    }

    /** {@code match_user}: {@code USER} or {@code USER@HOST} patterns of AllowUsers and DenyUsers. */
    public static boolean matchUser(String user, Optional<String> host, Optional<String> address, String pattern) {
        int at = pattern.indexOf('@');
        if (at < 0) {
            return matchPattern(user, pattern);
        }
        if (!matchPattern(user, pattern.substring(0, at))) {
            return false;
        }
        String hostPatterns = pattern.substring(at + 1);
        if (host.isEmpty() || address.isEmpty()) {
            return false;
        }
        int ip = addrMatchList(address, hostPatterns);
        if (ip == -2 || ip == -1) {
            return false;
        }
        int name = matchHostname(host.get(), hostPatterns);
        return name != -1 && (name == 1 || ip == 1);
    }

    static Optional<byte[]> parseAddress(String text) {
        if (!AddressLiterals.isLiteral(text) || text.contains("%")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress()); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A network in CIDR notation; {@code null} from parse when the text is not an address at all. */
    private record Cidr(byte[] network, int bits) {
        static final Cidr INVALID = new Cidr(new byte[0], -1);

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addressPart = slash < 0 ? text : text.substring(0, slash);
            Optional<byte[]> address = parseAddress(addressPart);
            if (address.isEmpty()) {
                return null;
            }
            byte[] bytes = address.get();
            int max = bytes.length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return INVALID;
                }
                if (bits < 0 || bits > max) {
                    return INVALID;
                }
            }
            for (int i = bits; i < max; i++) {
                if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) {
                    return INVALID; // sshd rejects host bits set beyond the mask
                }
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
