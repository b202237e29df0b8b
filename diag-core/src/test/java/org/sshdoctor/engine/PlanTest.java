package org.sshdoctor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;

class PlanTest {
    static final Fact<String> A = Fact.of("a", String.class);
    static final Fact<String> B = Fact.of("b", String.class);
    static final Target TARGET = Target.of("host", 22, "fred");
    static final DiagnosisOptions SHORT = new DiagnosisOptions(Duration.ofMillis(300), Duration.ofSeconds(5));

    /** A probe made of a lambda, for engine tests. */
    record FakeProbe(String name, Set<Fact<?>> requires, Set<Fact<?>> produces, Body body) implements Probe {
        interface Body {
            ProbeResult run(ProbeContext context) throws Exception;
        }

        @Override
        public ProbeResult run(ProbeContext context) throws Exception {
            return body.run(context);
        }
    }

    static FakeProbe producing(String name, Fact<String> fact, String value) {
        return new FakeProbe(name, Set.of(), Set.of(fact), c -> ProbeResult.builder().fact(fact, value).ok("made " + value));
    }

    @Test
    void aFailedProbeSkipsItsDependantsWithItsReasonAndOnlyItReportsAFinding() {
        FakeProbe tcp = new FakeProbe("tcp", Set.of(), Set.of(A), c -> ProbeResult.builder()
                .finding(Finding.of("SSH-TCP-REFUSED", Severity.ERROR).title("Refused").build())
                .failed("127.0.0.1:22 connection refused"));
        FakeProbe banner = new FakeProbe("banner", Set.of(A), Set.of(B), c -> ProbeResult.builder().ok("never"));
        FakeProbe kex = new FakeProbe("kex", Set.of(B), Set.of(), c -> ProbeResult.builder().ok("never"));
        Report report = Plan.of(tcp, banner, kex).run(TARGET, SHORT, DiagnosisListener.NONE);

        assertThat(report.probes()).extracting(ProbeRun::status)
                .containsExactly(ProbeStatus.FAILED, ProbeStatus.SKIPPED, ProbeStatus.SKIPPED);
        assertThat(report.probe("banner").orElseThrow().summary()).isEqualTo("tcp failed: 127.0.0.1:22 connection refused");
        assertThat(report.probe("kex").orElseThrow().summary()).isEqualTo("tcp failed: 127.0.0.1:22 connection refused");
        assertThat(report.findings()).extracting(Finding::id).containsExactly("SSH-TCP-REFUSED");
    }

    @Test
    void factsFlowFromProducerToConsumer() {
        FakeProbe consumer = new FakeProbe("consumer", Set.of(A), Set.of(), c -> ProbeResult.builder().ok("got " + c.fact(A)));
        Report report = Plan.of(consumer, producing("producer", A, "42")).run(TARGET, SHORT, DiagnosisListener.NONE);
        assertThat(report.probes()).extracting(ProbeRun::name).containsExactly("producer", "consumer");
        assertThat(report.probe("consumer").orElseThrow().summary()).isEqualTo("got 42");
    }

    @Test
    void independentProbesRunConcurrently() {
        CountDownLatch both = new CountDownLatch(2);
        FakeProbe.Body waitForOther = c -> {
            both.countDown();
            return both.await(2, TimeUnit.SECONDS) ? ProbeResult.builder().ok("met") : ProbeResult.builder().failed("alone");
        };
        Report report = Plan.of(new FakeProbe("left", Set.of(), Set.of(), waitForOther),
                new FakeProbe("right", Set.of(), Set.of(), waitForOther)).run(TARGET,
                new DiagnosisOptions(Duration.ofSeconds(3), Duration.ofSeconds(5)), DiagnosisListener.NONE);
        assertThat(report.probes()).extracting(ProbeRun::summary).containsExactly("met", "met");
    }

    @Test
    void aProbePastItsDeadlineIsInterruptedAndReportedAsTimedOut() {
        FakeProbe hang = new FakeProbe("hang", Set.of(), Set.of(A), c -> {
            Thread.sleep(60_000);
            return ProbeResult.builder().ok("woke");
        });
        FakeProbe after = new FakeProbe("after", Set.of(A), Set.of(), c -> ProbeResult.builder().ok("never"));
        long start = System.nanoTime();
        Report report = Plan.of(hang, after).run(TARGET, SHORT, DiagnosisListener.NONE);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
        assertThat(report.probe("hang").orElseThrow().status()).isEqualTo(ProbeStatus.TIMEOUT);
        assertThat(report.probe("after").orElseThrow().summary()).startsWith("hang timed out");
        assertThat(report.findings()).extracting(Finding::id).containsExactly(EngineFindings.PROBE_TIMEOUT);
    }

    @Test
    void aCrashingProbeBecomesAFindingAndTheOthersStillRun() {
        FakeProbe crash = new FakeProbe("crash", Set.of(), Set.of(), c -> {
            throw new IllegalStateException("boom");
        });
        Report report = Plan.of(crash, producing("fine", A, "x")).run(TARGET, SHORT, DiagnosisListener.NONE);
        assertThat(report.probe("crash").orElseThrow().summary()).isEqualTo("crashed: IllegalStateException: boom");
        assertThat(report.probe("fine").orElseThrow().status()).isEqualTo(ProbeStatus.OK);
        assertThat(report.findings()).extracting(Finding::id).containsExactly(EngineFindings.PROBE_CRASHED);
    }

    @Test
    void listenerSeesStartAndEndPairsAndNoStartForSkippedProbes() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        DiagnosisListener recording = new DiagnosisListener() {
            @Override
            public void probeStart(Target target, String probe) {
                events.add("start " + probe);
            }

            @Override
            public void probeEnd(Target target, ProbeRun run) {
                events.add("end " + run.name() + " " + run.status().label());
            }

            @Override
            public void diagnosisEnd(Report report) {
                throw new IllegalStateException("listeners that throw must not break the diagnosis");
            }
        };
        FakeProbe fail = new FakeProbe("dns", Set.of(), Set.of(A), c -> ProbeResult.builder().failed("nxdomain"));
        FakeProbe skipped = new FakeProbe("tcp", Set.of(A), Set.of(), c -> ProbeResult.builder().ok(""));
        Plan.of(fail, skipped).run(TARGET, SHORT, recording);
        assertThat(events).containsExactly("start dns", "end dns failed", "end tcp skipped");
    }

    @Test
    void invalidPlansAreRejectedWithTheReason() {
        FakeProbe orphan = new FakeProbe("orphan", Set.of(B), Set.of(), c -> ProbeResult.builder().ok(""));
        assertThatThrownBy(() -> Plan.of(orphan)).hasMessage("probe orphan needs b, which no probe in the plan produces");
        assertThatThrownBy(() -> Plan.of(producing("x", A, "1"), producing("x", B, "2"))).hasMessage("two probes are named x");
        assertThatThrownBy(() -> Plan.of(producing("p1", A, "1"), producing("p2", A, "2")))
                .hasMessage("fact a is produced by both p1 and p2");
        FakeProbe ab = new FakeProbe("ab", Set.of(A), Set.of(B), c -> ProbeResult.builder().ok(""));
        FakeProbe ba = new FakeProbe("ba", Set.of(B), Set.of(A), c -> ProbeResult.builder().ok(""));
        assertThatThrownBy(() -> Plan.of(ab, ba)).hasMessageContaining("cycle");
    }

    @Test
    void undeclaredFactsAreRejected() {
        FakeProbe sneaky = new FakeProbe("sneaky", Set.of(), Set.of(), c -> ProbeResult.builder().fact(A, "x").ok(""));
        Report report = Plan.of(sneaky).run(TARGET, SHORT, DiagnosisListener.NONE);
        assertThat(report.findings()).extracting(Finding::id).containsExactly(EngineFindings.PROBE_CRASHED);
    }

    @Test
    void aFactPublishedEarlyStartsItsConsumerWhileTheProducerStillWorks() {
        CountDownLatch consumed = new CountDownLatch(1);
        // The producer can only finish after its consumer ran: with facts released only at the producer's end,
        // this would wait until the latch timed out.
        FakeProbe producer = new FakeProbe("producer", Set.of(), Set.of(A, B), c -> {
            c.publish(A, "early");
            boolean ran = consumed.await(4, TimeUnit.SECONDS);
            return ProbeResult.builder().fact(A, "late").fact(B, "b").ok(ran ? "consumer ran first" : "waited in vain");
        });
        FakeProbe consumer = new FakeProbe("consumer", Set.of(A), Set.of(), c -> {
            consumed.countDown();
            return ProbeResult.builder().ok("got " + c.fact(A));
        });
        Report report = Plan.of(producer, consumer).run(TARGET, new DiagnosisOptions(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                DiagnosisListener.NONE);
        assertThat(report.probe("producer").orElseThrow().summary()).isEqualTo("consumer ran first");
        assertThat(report.probe("consumer").orElseThrow().summary()).isEqualTo("got early"); // the first publication wins
    }

    @Test
    void anUndeclaredEarlyFactIsACrash() {
        FakeProbe sneaky = new FakeProbe("sneaky", Set.of(), Set.of(), c -> {
            c.publish(A, "x");
            return ProbeResult.builder().ok("");
        });
        Report report = Plan.of(sneaky).run(TARGET, SHORT, DiagnosisListener.NONE);
        assertThat(report.findings()).extracting(Finding::id).containsExactly(EngineFindings.PROBE_CRASHED);
    }

    @Test
    void awaitFactWaitsForAFactItDoesNotRequireAndIsEmptyWhenNobodyMakesIt() {
        FakeProbe slow = new FakeProbe("slow", Set.of(), Set.of(A), c -> {
            Thread.sleep(200);
            return ProbeResult.builder().fact(A, "slow value").ok("");
        });
        FakeProbe waiter = new FakeProbe("waiter", Set.of(), Set.of(), c -> {
            java.time.Instant until = java.time.Instant.now().plusSeconds(4);
            return ProbeResult.builder().ok(c.awaitFact(A, until).orElse("none") + " / " + c.awaitFact(B, until).orElse("no b"));
        });
        Report report = Plan.of(slow, waiter).run(TARGET, new DiagnosisOptions(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                DiagnosisListener.NONE);
        assertThat(report.probe("waiter").orElseThrow().summary()).isEqualTo("slow value / no b");
    }
}
