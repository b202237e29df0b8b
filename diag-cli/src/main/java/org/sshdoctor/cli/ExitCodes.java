package org.sshdoctor.cli;

/** The exit codes of every sshdoctor command, listed in each command's --help. */
final class ExitCodes {
    /** Nothing at warning or error level. */
    static final int OK = 0;
    /** Warning or error findings. */
    static final int PROBLEMS = 1;
    /** Usage error or unreadable input; one line on stderr says what is wrong. */
    static final int USAGE = 2;
    /** Internal error: a bug in sshdoctor. */
    static final int INTERNAL = 3;

    /** The lines picocli prints under "Exit Codes:" in --help. */
    static final String[] HELP = {
        "0:nothing at warning or error level",
        "1:warning or error findings",
        "2:usage error or unreadable input",
        "3:internal error (a bug in sshdoctor)",
    };

    private ExitCodes() {}
}
