package org.sshdoctor.render;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;

/**
 * Where the time of a diagnosis went: one bar per probe, placed at its start and as long as it took,
 * so a slow phase (resolution, connect, banner) stands out. The text format may change between
 * versions; the JSON fields {@code startMillis} and {@code millis} will not.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TimelineRenderer {
    private static final int WIDTH = 40;

    public String render(Report report) {
        return render(report, List.of());
    }

    /**
     * As {@link #render(Report)}, with the phase {@code marks} (from a {@link TimelineRecorder}) under the
     * probe each belongs to: where inside a slow probe the time went.
     */
    public String render(Report report, List<TimelineRecorder.Mark> marks) {
        long total = report.probes().stream().mapToLong(p -> p.startMillis() + p.millis()).max().orElse(0);
        int nameWidth = report.probes().stream().mapToInt(p -> p.name().length()).max().orElse(4);
        StringBuilder out = new StringBuilder("timeline (" + total + " ms in all)\n");
        for (ProbeRun run : report.probes()) {
            out.append("  ").append(run.name()).append(" ".repeat(nameWidth - run.name().length()));
            if (run.status() == ProbeStatus.SKIPPED) {
                out.append("  skipped\n");
                continue;
            }
            int from = scale(run.startMillis(), total);
            int length = Math.max(1, scale(run.startMillis() + run.millis(), total) - from);
            out.append(String.format(Locale.ROOT, " %6d ms ", run.startMillis()))
                    .append(' ').append(" ".repeat(from)).append("=".repeat(length))
                    .append(" ".repeat(Math.max(0, WIDTH - from - length)))
                    .append(String.format(Locale.ROOT, " %6d ms", run.millis()));
            if (run.status() != ProbeStatus.OK) {
                out.append("  ").append(run.status().label());
            }
            out.append('\n');
            for (TimelineRecorder.Mark mark : marks) {
                if (mark.probe().equals(run.name())) {
                    out.append(" ".repeat(nameWidth + 2)).append(String.format(Locale.ROOT, " %6d ms   ", mark.atMillis()))
                            .append(mark.what()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static int scale(long millis, long total) {
        return total == 0 ? 0 : (int) Math.min(WIDTH, millis * WIDTH / total);
    }
}
