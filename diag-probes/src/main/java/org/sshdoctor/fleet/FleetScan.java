package org.sshdoctor.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/**
 * Diagnoses many targets concurrently: at most {@code concurrency} diagnoses at once across the fleet,
 * and at most {@link #PER_HOST} at once against one host, because real servers drop bursts of
 * unauthenticated connections (MaxStartups, default 10:30:100) and we must not cause what we diagnose.
 * Each report is handed to the consumer as soon as it is complete, on a worker thread; the consumer
 * must be thread-safe (or synchronise).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetScan {
    /** Diagnoses allowed at once against the same host name or address. */
    public static final int PER_HOST = 2;

    /**
     * One finished diagnosis.
     *
     * @param index the target's position in the list given to {@link #run}
     * @param facts what the fleet views need beyond the report (host keys, KEXINIT)
     */
    public record ScannedHost(int index, Target target, Report report, HostFacts facts) {}

    /** Receives each finished diagnosis. */
    @FunctionalInterface
    public interface ReportConsumer {
        void accept(ScannedHost host);
    }

    private final Doctor doctor;
    private final DiagnosisOptions options;
    private final int concurrency;

    public FleetScan(Doctor doctor, DiagnosisOptions options, int concurrency) {
        this.doctor = Objects.requireNonNull(doctor, "doctor");
        this.options = Objects.requireNonNull(options, "options");
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024, got " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** A sensible default for this machine: diagnoses wait on the network, not the CPU. */
    public static int defaultConcurrency() {
        return Math.min(64, 16 * Runtime.getRuntime().availableProcessors());
    }

    /** Runs every diagnosis and returns when all are done; reports arrive in completion order. */
    public void run(List<Target> targets, ReportConsumer consumer) throws InterruptedException {
        Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(targets.size());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "sshdoctor-fleet-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < targets.size(); i++) {
                int index = i;
                Target target = targets.get(i);
                Semaphore host = perHost.computeIfAbsent(target.hostName(), h -> new Semaphore(PER_HOST));
                slots.acquire();
                pool.execute(() -> {
                    try {
                        host.acquireUninterruptibly();
                        try {
                            FactRecorder facts = new FactRecorder();
                            Report report = doctor.diagnose(target, options, facts);
                            consumer.accept(new ScannedHost(index, target, report, facts.facts()));
                        } finally {
                            host.release();
                        }
                    } finally {
                        slots.release();
                        done.countDown();
                    }
                });
            }
            done.await();
        } finally {
            pool.shutdownNow();
        }
    }
}
