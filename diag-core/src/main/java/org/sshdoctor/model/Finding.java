package org.sshdoctor.model;

import static org.sshdoctor.model.Checks.checkNotBlank;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One thing sshdoctor found out, with the evidence behind it and the fix.
 *
 * @param id stable identifier ({@code SSH-AREA-PROBLEM}); {@code sshdoctor kb ID} explains it
 * @param severity how much it matters
 * @param title one line with no final period, stating the problem (not the check)
 * @param detail what was seen, with the values (addresses, paths, algorithms); may be empty
 * @param evidence named raw values backing the finding, in insertion order; never null
 * @param clientMessage the text {@code ssh} itself prints for this problem, if there is one
 * @param fix concrete commands or config lines; may be empty when there is nothing to do
 * @param observed true when seen on the wire or on disk, false when inferred (e.g. from a version)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Finding(
        String id,
        Severity severity,
        String title,
        String detail,
        Map<String, String> evidence,
        Optional<String> clientMessage,
        String fix,
        boolean observed) {

    public Finding {
        checkNotBlank(id, "id");
        Objects.requireNonNull(severity, "severity");
        checkNotBlank(title, "title");
        if (title.endsWith(".")) {
            throw new IllegalArgumentException("a finding title has no final period: " + title);
        }
        Objects.requireNonNull(detail, "detail");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        Objects.requireNonNull(clientMessage, "clientMessage");
        Objects.requireNonNull(fix, "fix");
    }

    /** Starts a finding with the given id and severity; the title is required before {@code build()}. */
    public static Builder of(String id, Severity severity) {
        return new Builder(id, severity);
    }

    /** Builds a {@link Finding} step by step; evidence keeps insertion order. */
    public static final class Builder {
        private final String id;
        private final Severity severity;
        private String title;
        private String detail = "";
        private final Map<String, String> evidence = new LinkedHashMap<>();
        private String clientMessage;
        private String fix = "";
        private boolean observed = true;

        private Builder(String id, Severity severity) {
            this.id = id;
            this.severity = severity;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder evidence(String key, Object value) {
            evidence.put(key, String.valueOf(value));
            return this;
        }

        public Builder clientMessage(String clientMessage) {
            this.clientMessage = clientMessage;
            return this;
        }

        public Builder fix(String fix) {
            this.fix = fix;
            return this;
        }

        /** Marks the finding as inferred (from versions, configuration or rules) rather than observed. */
        public Builder inferred() {
            this.observed = false;
            return this;
        }

        public Finding build() {
            return new Finding(id, severity, title, detail, evidence,
                    Optional.ofNullable(clientMessage), fix, observed);
        }
    }
}
