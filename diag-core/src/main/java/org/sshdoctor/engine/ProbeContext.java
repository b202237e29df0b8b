package org.sshdoctor.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.Target;

/** What a running probe may see and use. Implemented by the engine; one instance per probe run. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ProbeContext {

    Target target();

    DiagnosisOptions options();

    /** A fact this probe declared in {@link Probe#requires()}: always present when the probe runs. */
    <T> T fact(Fact<T> fact);

    /** Any fact published so far by a probe that already finished. */
    <T> Optional<T> optionalFact(Fact<T> fact);

    /**
     * A fact that another probe of the plan may still publish while this one runs, for a probe that can use
     * it without needing it (so it does not declare it in {@link Probe#requires()}): waits until the fact is
     * published, its producer ends without it, or {@code until} passes. Empty when no probe of the plan
     * produces it. Never wait for a fact whose producer needs this probe's own facts: that waits until
     * {@code until}.
     */
    default <T> Optional<T> awaitFact(Fact<T> fact, Instant until) throws InterruptedException {
        return optionalFact(fact);
    }

    /**
     * Publishes one of this probe's declared facts now, before {@link Probe#run} returns, so the probes that
     * need it start at once (a host key trust decided before the slower fetches that the rest of the probe
     * waits for). The first publication of a fact wins: the same fact in the final result is ignored.
     *
     * @throws IllegalStateException if the probe does not declare {@code fact} in {@link Probe#produces()}
     */
    <T> void publish(Fact<T> fact, T value);

    /** When this probe must have finished. */
    Instant deadline();

    /** Time left until {@link #deadline()}, never negative. */
    default Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Registers a resource (socket, session) to close when the diagnosis ends, whatever happens.
     * Use it for resources handed on to later probes as facts.
     */
    void closeAtEnd(AutoCloseable resource);

    /** The listener of this diagnosis. Probes report their phases through {@link #events()} instead. */
    DiagnosisListener listener();

    /**
     * Where this probe reports its phases (DNS, connect, banner, key exchange…) for the listener; see
     * the order contract of {@link DiagnosisListener}.
     */
    default PhaseEvents events() {
        return PhaseEvents.NONE;
    }
}
