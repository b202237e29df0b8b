package org.sshdoctor.model;

import java.util.regex.Pattern;

/** Recognises IP address literals without touching DNS. */
public final class AddressLiterals {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

    private AddressLiterals() {}

    public static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    /**
     * A hex/dot string with at least two colons (every IPv6 literal has them, so {@code host:port} is
     * never one), optionally with a zone ({@code fe80::1%eth0}).
     */
    public static boolean isIpv6(String s) {
        return s.indexOf(':') != s.lastIndexOf(':') && IPV6.matcher(s).matches();
    }

    public static boolean isLiteral(String s) {
        return isIpv4(s) || isIpv6(s);
    }
}
