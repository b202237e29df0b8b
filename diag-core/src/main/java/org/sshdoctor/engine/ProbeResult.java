package org.sshdoctor.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.sshdoctor.model.Finding;

/**
 * What a probe returns: whether the thing it checks worked, the facts it publishes, its findings and
 * a one-line summary. Built with {@link #builder()}, ended with {@link Builder#ok} or
 * {@link Builder#failed}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProbeResult {
    private final boolean ok;
    private final String summary;
    private final Map<Fact<?>, Object> facts;
    private final List<Finding> findings;

    private ProbeResult(boolean ok, String summary, Map<Fact<?>, Object> facts, List<Finding> findings) {
        this.ok = ok;
        this.summary = summary;
        this.facts = facts;
        this.findings = List.copyOf(findings);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean ok() {
        return ok;
    }

    public String summary() {
        return summary;
    }

    public List<Finding> findings() {
        return findings;
    }

    Map<Fact<?>, Object> facts() {
        return facts;
    }

    /** Collects facts and findings while a probe runs. */
    public static final class Builder {
        private final Map<Fact<?>, Object> facts = new IdentityHashMap<>();
        private final List<Finding> findings = new ArrayList<>();

        private Builder() {}

        public <T> Builder fact(Fact<T> fact, T value) {
            facts.put(Objects.requireNonNull(fact, "fact"), fact.cast(Objects.requireNonNull(value, fact.name())));
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(Objects.requireNonNull(finding, "finding"));
            return this;
        }

        /** The probe's subject works; {@code summary} says what was seen ("OpenSSH_9.2p1"). */
        public ProbeResult ok(String summary) {
            return new ProbeResult(true, summary, facts, findings);
        }

        /**
         * The probe's subject does not work; probes that need this probe's facts are skipped with
         * {@code reason}, which should name the root cause ("every address refused the connection").
         */
        public ProbeResult failed(String reason) {
            return new ProbeResult(false, reason, facts, findings);
        }
    }
}
