package org.sshdoctor.local;

/** Quoting for the commands printed as fixes (sshdoctor never runs them). */
final class Shell {
    private Shell() {}

    /** A POSIX shell word: plain when safe, else single-quoted. */
    static String quote(Object value) {
        String s = String.valueOf(value);
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./~-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
