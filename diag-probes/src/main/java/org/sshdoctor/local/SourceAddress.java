package org.sshdoctor.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;

/** A certificate's {@code source-address} list (comma-separated addresses and CIDR blocks). */
final class SourceAddress {
    private SourceAddress() {}

    static boolean anyMatches(String list, Collection<InetAddress> addresses) {
        for (String entry : list.split(",")) {
            for (InetAddress address : addresses) {
                if (matches(entry.trim(), address)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean matches(String cidr, InetAddress address) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!host.matches("[0-9A-Fa-f.:]+")) {
            return false;
        }
        try {
            byte[] network = InetAddress.getByName(host).getAddress();
            byte[] ours = address.getAddress();
            if (network.length != ours.length) {
                return false;
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (ours[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }
}
