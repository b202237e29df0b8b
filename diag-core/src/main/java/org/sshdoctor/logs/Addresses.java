package org.sshdoctor.logs;

import java.util.Locale;

/** Normalises the client addresses sshd and Dropbear log, so one client counts as one source. */
final class Addresses {
    private Addresses() {}

    /**
     * Drops an IPv6 zone ({@code fe80::1%eth0}), unwraps IPv4-mapped addresses ({@code ::ffff:1.2.3.4})
     * and brackets ({@code [1.2.3.4]}); host names are kept as logged.
     */
    static String normalise(String address) {
        if (address.indexOf(':') < 0 && !address.startsWith("[")) {
            return address; // IPv4 or a host name: nothing below applies (each step needs a colon or brackets); one scan, not three
        }
        String a = address;
        if (a.length() > 2 && a.charAt(0) == '[' && a.charAt(a.length() - 1) == ']') {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone > 0 && a.indexOf(':') >= 0) {
            a = a.substring(0, zone);
        }
        if (a.length() > 7 && a.regionMatches(true, 0, "::ffff:", 0, 7) && a.indexOf('.') > 0) {
            a = a.substring(7);
        }
        return a.indexOf(':') >= 0 ? a.toLowerCase(Locale.ROOT) : a;
    }

    /** True for 127.0.0.0/8 and ::1: attacks from there arrive through a tunnel or a local proxy. */
    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
