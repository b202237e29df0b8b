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

    /** {@code /usr/sbin/sshd} → {@code sshd}; {@code sshd-session:} stays {@code sshd-session}. */
    static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
