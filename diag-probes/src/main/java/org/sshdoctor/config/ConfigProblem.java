package org.sshdoctor.config;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * Something in the configuration that ssh itself would complain about, or that we could not follow.
 *
 * @param kind what is wrong
 * @param origin where
 * @param message what ssh would print or what we saw, one line
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfigProblem(Kind kind, ConfigOrigin origin, String message) {

    /** The kinds of problem; each maps to one finding id (see {@link ConfigFindings}). */
    public enum Kind {
        /** ssh aborts: "Bad configuration option". */
        UNKNOWN_KEYWORD,
        /** ssh aborts: bad quotes, missing argument, bad Match, Host on the command line. */
        SYNTAX,
        /** A keyword ssh 9.x ignores ("Deprecated option" / "Unsupported option"). */
        DEPRECATED,
        /** ssh aborts: "Bad owner or permissions on FILE". */
        BAD_PERMISSIONS,
        /** A file that cannot be read (ssh -F with a missing file aborts). */
        UNREADABLE,
        /** Something this resolver does not simulate (e.g. DNS canonicalisation): results may differ. */
        NOT_SIMULATED
    }

    public ConfigProblem {
        requireNonNull(kind, "kind");
        requireNonNull(origin, "origin");
        requireNonNull(message, "message");
    }
}
