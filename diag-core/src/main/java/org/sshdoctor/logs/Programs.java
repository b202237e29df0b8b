package org.sshdoctor.logs;

import java.util.Set;

/** The program names whose messages this package classifies. */
final class Programs {
    static final Set<String> SSH = Set.of(
            "sshd", "sshd-session", "sshd-auth", "internal-sftp", "sftp-server", "dropbear");

    private Programs() {}

    static boolean isSsh(String program) {
        return SSH.contains(program);
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
