package org.sshdoctor.logs;

import java.util.Set;

/** The program names whose messages this package classifies. */
final class Programs {
    static final Set<String> SSH = Set.of(
            "sshd", "sshd-session", "sshd-auth", "internal-sftp", "sftp-server", "dropbear");

    private Programs() {}

    /** The names above, in the order {@link #canonical(String, int, int)} tries them (most frequent first). */
    private static final String[] NAMES = {"sshd", "sshd-session", "internal-sftp", "sshd-auth", "sftp-server", "dropbear"};

    static boolean isSsh(String program) {
        // the envelope parser hands out the shared instances: compare identities before hashing
        for (String name : NAMES) {
            if (program == name) {
                return true;
            }
        }
        return SSH.contains(program);
    }

    /** Whether {@code text} from {@code from} to {@code to} is one of the names, without copying it out. */
    static boolean isSsh(String text, int from, int to) {
        return known(text, from, to) != null;
    }

    /** The shared instance of the name in {@code text} from {@code from} to {@code to}; a copy when it is not an SSH program. */
    static String canonical(String text, int from, int to) {
        String name = known(text, from, to);
        return name != null ? name : text.substring(from, to);
    }

    private static String known(String text, int from, int to) {
        int length = to - from;
        for (String name : NAMES) {
            if (name.length() == length && text.startsWith(name, from)) {
                return name;
            }
        }
        return null;
    }

    static boolean isDropbear(String program) {
        return program.equals("dropbear");
    }

    /** The shared instance of a known program name, so a long log does not keep a copy per line. */
    static String canonical(String name) {
        return switch (name) {
            case "sshd" -> "sshd";
            case "sshd-session" -> "sshd-session";
            case "sshd-auth" -> "sshd-auth";
            case "internal-sftp" -> "internal-sftp";
            case "sftp-server" -> "sftp-server";
            case "dropbear" -> "dropbear";
            default -> name;
        };
    }

    /** {@code /usr/sbin/sshd} → {@code sshd}; {@code sshd-session:} stays {@code sshd-session}. */
    static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
