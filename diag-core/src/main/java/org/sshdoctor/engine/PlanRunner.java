package org.sshdoctor.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

/**
 * Runs one plan against one target. Each probe starts as soon as its prerequisites have finished, so
 * independent probes run concurrently; a probe whose prerequisite did not produce its facts is skipped
 * with that prerequisite's reason, so one root cause gives one error, not a cascade. Each probe has a
 * deadline (its budget, capped by the overall deadline); a probe still running then is interrupted and
 * reported as timed out.
 */
final class PlanRunner {
    /**
     * Time a probe gets past its deadline before the engine gives up on it. Probes set their own
     * socket timeouts to the deadline and then report what exactly timed out; this grace lets that
     * specific finding win over the engine's generic one.
     */
    private static final Duration GRACE = Duration.ofMillis(500);

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(PlanRunner.class.getName());

    private final Plan plan;
    private final Target target;
    private final DiagnosisOptions options;
    private final SafeListener listener;
    private final Map<Fact<?>, Object> facts = new ConcurrentHashMap<>();
    /** Per fact: completed once it is published or its producer has ended without it. */
    private final Map<Fact<?>, CompletableFuture<Void>> settled = new ConcurrentHashMap<>();
    private final Map<Probe, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
    private final long runStartNanos = System.nanoTime();

    /** A finished probe: its run for the report and its findings. */
    private record Outcome(ProbeRun run, List<Finding> findings) {}

    PlanRunner(Plan plan, Target target, DiagnosisOptions options, DiagnosisListener listener) {
        this.plan = plan;
        this.target = target;
        this.options = options;
        this.listener = new SafeListener(listener);
    }

    Report run() {
        Instant started = Instant.now();
        Instant overallDeadline = started.plus(options.overallTimeout());
        listener.diagnosisStart(target);
        ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sshdoctor-probe-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Probe, CompletableFuture<Void>> done = new LinkedHashMap<>();
            for (Probe probe : plan.probes()) {
                // A probe waits for the facts it needs, not for their producers: a fact published early
                // (ProbeContext.publish) starts it while the producer still works.
                CompletableFuture<?>[] prerequisites = probe.requires().stream()
                        .map(this::settled).toArray(CompletableFuture[]::new);
                done.put(probe, CompletableFuture.allOf(prerequisites).thenRunAsync(() -> {
                    try {
                        outcomes.put(probe, execute(probe, pool, overallDeadline));
                    } finally {
                        probe.produces().forEach(fact -> settled(fact).complete(null));
                    }
                }, pool));
            }
            awaitAll(done, overallDeadline);
        } finally {
            pool.shutdownNow();
            closeResources();
        }
        Report report = assemble(started);
        listener.diagnosisEnd(report);
        return report;
    }

    private void awaitAll(Map<Probe, CompletableFuture<Void>> done, Instant overallDeadline) {
        CompletableFuture<Void> all = CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new));
        try {
            all.get(untilPlusGrace(overallDeadline).toMillis() + GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Probes still running are reported as timed out by assemble().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome execute(Probe probe, ExecutorService pool, Instant overallDeadline) {
        Optional<String> missing = missingPrerequisite(probe);
        if (missing.isPresent()) {
            ProbeRun run = new ProbeRun(probe.name(), ProbeStatus.SKIPPED, 0, missing.get());
            LOG.log(System.Logger.Level.DEBUG, "{0}: skipped: {1}", probe.name(), missing.get());
            listener.probeEnd(target, run);
            return new Outcome(run, List.of());
        }
        Instant ownDeadline = Instant.now().plus(probe.budget(options));
        Instant deadline = ownDeadline.isBefore(overallDeadline) ? ownDeadline : overallDeadline;
        listener.probeStart(target, probe.name());
        LOG.log(System.Logger.Level.DEBUG, "{0}: start, deadline in {1} ms", probe.name(),
                String.valueOf(Duration.between(Instant.now(), deadline).toMillis()));
        long start = System.nanoTime();
        PhaseEvents events = new PhaseEvents(target, listener);
        Future<ProbeResult> work = pool.submit(() -> checkDeclared(probe, probe.run(new Context(probe, deadline, events))));
        Outcome outcome;
        try {
            ProbeResult result = work.get(untilPlusGrace(deadline).toMillis(), TimeUnit.MILLISECONDS);
            events.close();
            publish(result);
            ProbeStatus status = result.ok() ? ProbeStatus.OK : ProbeStatus.FAILED;
            outcome = new Outcome(new ProbeRun(probe.name(), status, millisSince(start), result.summary(), offset(start)),
                    result.findings());
        } catch (TimeoutException e) {
            work.cancel(true);
            outcome = timedOut(probe, start);
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, probe.name() + ": crashed", e.getCause());
            outcome = crashed(probe, start, e.getCause());
        } catch (InterruptedException e) {
            work.cancel(true);
            Thread.currentThread().interrupt();
            outcome = timedOut(probe, start);
        }
        events.close(); // no phase event after probeEnd, even from a network thread of a timed-out probe
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} in {2} ms: {3}", probe.name(), outcome.run().status().label(),
                String.valueOf(outcome.run().millis()), outcome.run().summary());
        listener.probeEnd(target, outcome.run());
        return outcome;
    }

    /** The reason to skip {@code probe}, if a fact it needs is missing: the producer's own reason. */
    private Optional<String> missingPrerequisite(Probe probe) {
        for (Fact<?> fact : probe.requires()) {
            if (!facts.containsKey(fact)) {
                Probe producer = plan.producerOf(fact);
                Outcome cause = outcomes.get(producer);
                String why = cause == null || cause.run().summary().isEmpty()
                        ? producer.name() + " " + (cause == null ? "did not run" : cause.run().status().label())
                        : cause.run().summary();
                return Optional.of(cause != null && cause.run().status() == ProbeStatus.SKIPPED
                        ? why : producer.name() + " " + statusWord(cause) + ": " + why);
            }
        }
        return Optional.empty();
    }

    private static String statusWord(Outcome outcome) {
        return outcome == null ? "did not run" : switch (outcome.run().status()) {
            case OK -> "gave no " + "result";
            case FAILED -> "failed";
            case SKIPPED -> "was skipped";
            case TIMEOUT -> "timed out";
        };
    }

    /** Runs on the probe's thread, so a contract breach counts as that probe crashing. */
    private static ProbeResult checkDeclared(Probe probe, ProbeResult result) {
        for (Fact<?> fact : result.facts().keySet()) {
            if (!probe.produces().contains(fact)) {
                throw new IllegalStateException("probe " + probe.name() + " published " + fact
                        + ", which it does not declare in produces()");
            }
        }
        return result;
    }

    /** A probe's final facts: the probes that need them start once it has ended (see run()). */
    private void publish(ProbeResult result) {
        result.facts().forEach((fact, value) -> publish(fact, value, false));
    }

    /**
     * The first publication of a fact wins; later ones (the same fact in a final result) are ignored. An early
     * one ({@code release}) starts the probes that need it at once.
     */
    private void publish(Fact<?> fact, Object value, boolean release) {
        if (facts.putIfAbsent(fact, value) == null) {
            announce(fact, value);
            if (release) {
                settled(fact).complete(null);
            }
        }
    }

    private CompletableFuture<Void> settled(Fact<?> fact) {
        return settled.computeIfAbsent(fact, f -> new CompletableFuture<>());
    }

    private <T> void announce(Fact<T> fact, Object value) {
        listener.factPublished(target, fact, fact.cast(value));
    }

    private Outcome timedOut(Probe probe, long start) {
        long millis = millisSince(start);
        String reason = "did not finish within " + seconds(millis);
        Finding finding = Finding.of(EngineFindings.PROBE_TIMEOUT, Severity.WARNING)
                .title("The " + probe.name() + " check did not finish within its deadline")
                .detail("sshdoctor stopped waiting for the " + probe.name() + " check after " + seconds(millis)
                        + "; checks that need its result were skipped.")
                .evidence("probe", probe.name())
                .evidence("millis", millis)
                .fix("Run again with a longer --timeout, or with -v to see where it stalled.")
                .build();
        return new Outcome(new ProbeRun(probe.name(), ProbeStatus.TIMEOUT, millis, reason, offset(start)),
                List.of(finding));
    }

    private Outcome crashed(Probe probe, long start, Throwable cause) {
        String what = cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        Finding finding = Finding.of(EngineFindings.PROBE_CRASHED, Severity.ERROR)
                .title("The " + probe.name() + " check crashed")
                .detail("This is a bug in sshdoctor, not a problem of the server: " + what)
                .evidence("probe", probe.name())
                .evidence("exception", what)
                .fix("Run again with -v and report the stack trace to the sshdoctor project.")
                .build();
        return new Outcome(new ProbeRun(probe.name(), ProbeStatus.FAILED, millisSince(start), "crashed: " + what,
                offset(start)),
                List.of(finding));
    }

    private Report assemble(Instant started) {
        List<ProbeRun> runs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Probe probe : plan.probes()) {
            Outcome outcome = outcomes.get(probe);
            if (outcome == null) { // still running, or never started, when the overall deadline hit
                outcome = new Outcome(new ProbeRun(probe.name(), ProbeStatus.TIMEOUT, 0,
                        "overall deadline of " + seconds(options.overallTimeout().toMillis()) + " reached"),
                        List.of());
            }
            runs.add(outcome.run());
            findings.addAll(outcome.findings());
        }
        return new Report(target, started, runs, findings);
    }

    private void closeResources() {
        AutoCloseable resource;
        while ((resource = resources.pollLast()) != null) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing is best effort: the diagnosis is over and the report does not depend on it.
            }
        }
    }

    private static Duration untilPlusGrace(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return (left.isNegative() ? Duration.ZERO : left).plus(GRACE);
    }

    /** Milliseconds from the start of the diagnosis to {@code nanos}. */
    private long offset(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos - runStartNanos));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The context one probe run sees. */
    private final class Context implements ProbeContext {
        private final Probe probe;
        private final Instant deadline;
        private final PhaseEvents events;

        Context(Probe probe, Instant deadline, PhaseEvents events) {
            this.probe = probe;
            this.deadline = deadline;
            this.events = events;
        }

        @Override
        public <T> Optional<T> awaitFact(Fact<T> fact, Instant until) throws InterruptedException {
            if (plan.producerOf(fact) != null) {
                long left = Math.max(0, Duration.between(Instant.now(), until).toMillis());
                try {
                    settled(fact).get(left, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // Not there in time: the caller goes on without it.
                }
            }
            return optionalFact(fact);
        }

        @Override
        public <T> void publish(Fact<T> fact, T value) {
            if (!probe.produces().contains(fact)) {
                throw new IllegalStateException("probe " + probe.name() + " published " + fact
                        + ", which it does not declare in produces()");
            }
            PlanRunner.this.publish(fact, fact.cast(java.util.Objects.requireNonNull(value, fact.name())), true);
        }

        @Override
        public PhaseEvents events() {
            return events;
        }

        @Override
        public Target target() {
            return target;
        }

        @Override
        public DiagnosisOptions options() {
            return options;
        }

        @Override
        public <T> T fact(Fact<T> fact) {
            return optionalFact(fact).orElseThrow(() -> new IllegalStateException(
                    "fact " + fact + " is not available: declare it in requires()"));
        }

        @Override
        public <T> Optional<T> optionalFact(Fact<T> fact) {
            return Optional.ofNullable(facts.get(fact)).map(fact::cast);
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public void closeAtEnd(AutoCloseable resource) {
            resources.add(resource);
        }

        @Override
        public DiagnosisListener listener() {
            return listener;
        }
    }
}
