package org.sshdoctor.model;

import org.apiguardian.api.API;

/** How much a finding matters, from harmless to fatal for the connection. Ordered by weight. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Severity {
    /** A check passed; shown so the user sees what was verified. */
    OK,
    /** Worth knowing, nothing to fix. */
    INFO,
    /** Works now, but is fragile, insecure or about to break. */
    WARNING,
    /** The connection fails (or will fail) because of this. */
    ERROR;

    /** The lower-case name used in JSON and text output ({@code ok|info|warning|error}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for the severities that make the CLI exit with 1. */
    public boolean needsAction() {
        return this == WARNING || this == ERROR;
    }
}
