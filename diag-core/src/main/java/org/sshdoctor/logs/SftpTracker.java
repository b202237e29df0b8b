package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds SFTP sessions from internal-sftp/sftp-server lines, keyed by the SFTP server's pid (the only
 * way to follow a session, as the Wikibook says), and keeps per-account totals. Bounded like {@link
 * ProcessTracker}: open sessions are capped, finished transcripts keep the most recent.
 */
final class SftpTracker {
    static final int MAX_OPEN = 10_000;
    static final int MAX_USERS = 10_000;

    private final RecentList<SftpTranscript> finished = new RecentList<>(200);
    private final BoundedMap<PidState.Key, SftpTranscript.Builder> open = new BoundedMap<>(MAX_OPEN,
            b -> finished.add(b.build(Optional.empty())));
    private final Map<String, SftpTotals> totals = new LinkedHashMap<>();

    void accept(LogEvent event) {
        if (event instanceof LogEvent.SftpSession s) {
            PidState.Key key = key(event.line());
            if (s.opened()) {
                SftpTranscript.Builder old = open.remove(key);
                if (old != null) {
                    finished.add(old.build(Optional.empty()));
                }
                SftpTranscript.Builder session = new SftpTranscript.Builder(key.host(), key.pid());
                session.user = s.user();
                session.address = s.address();
                session.opened = event.line().time().orElse(null);
                open.put(key, session);
                add(new SftpTotals(s.user(), 1, 0, 0, 0, 0, 0));
            } else {
                SftpTranscript.Builder session = open.remove(key);
                if (session != null) {
                    finished.add(session.build(event.line().time()));
                }
                add(new SftpTotals(s.user(), 0, 1, 0, 0, 0, 0));
            }
        } else if (event instanceof LogEvent.SftpOperation op) {
            PidState.Key key = key(event.line());
            SftpTranscript.Builder session = open.get(key);
            if (session == null) { // the log starts in the middle of a session
                session = new SftpTranscript.Builder(key.host(), key.pid());
                open.put(key, session);
            }
            session.operation(op);
            if (op.operation().equals("close")) {
                add(new SftpTotals(session.user, 0, 0, op.bytesRead() > 0 ? 1 : 0, op.bytesRead(),
                        op.bytesWritten() > 0 ? 1 : 0, op.bytesWritten()));
            }
        }
    }

    private static PidState.Key key(LogLine line) {
        return new PidState.Key(line.host(), line.pid());
    }

    private void add(SftpTotals delta) {
        if (totals.size() < MAX_USERS || totals.containsKey(delta.user())) {
            totals.merge(delta.user(), delta, SftpTotals::plus);
        } else {
            totals.merge("(other)", new SftpTotals("(other)", 0, 0, 0, 0, 0, 0).plus(delta), SftpTotals::plus);
        }
    }

    /** Finished sessions, then the ones still open at the end of the log. */
    List<SftpTranscript> transcripts() {
        List<SftpTranscript> all = new ArrayList<>(finished.items());
        open.values().forEach(b -> all.add(b.build(Optional.empty())));
        all.sort((a, b) -> a.opened().orElse(LocalDateTime.MIN).compareTo(b.opened().orElse(LocalDateTime.MIN)));
        return all;
    }

    /** Per-account totals, in first-seen order. */
    List<SftpTotals> totals() {
        return List.copyOf(totals.values());
    }

    /** All accounts together, as account {@code *}. */
    SftpTotals overall() {
        SftpTotals sum = new SftpTotals("*", 0, 0, 0, 0, 0, 0);
        for (SftpTotals t : totals.values()) {
            sum = sum.plus(t);
        }
        return sum;
    }
}
