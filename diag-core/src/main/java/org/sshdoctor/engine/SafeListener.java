package org.sshdoctor.engine;

import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;

/** Shields the engine from a listener that throws: the report never depends on a listener. */
final class SafeListener implements DiagnosisListener {
    private final DiagnosisListener delegate;

    SafeListener(DiagnosisListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void diagnosisStart(Target target) {
        guard(() -> delegate.diagnosisStart(target));
    }

    @Override
    public void probeStart(Target target, String probe) {
        guard(() -> delegate.probeStart(target, probe));
    }

    @Override
    public void probeEnd(Target target, ProbeRun run) {
        guard(() -> delegate.probeEnd(target, run));
    }

    @Override
    public void diagnosisEnd(Report report) {
        guard(() -> delegate.diagnosisEnd(report));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // Documented contract: listeners must not throw; if one does, the diagnosis goes on.
        }
    }
}
