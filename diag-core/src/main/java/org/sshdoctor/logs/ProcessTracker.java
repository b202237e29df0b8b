package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.sshdoctor.logs.CredentialStory.Outcome;
import org.sshdoctor.logs.LogEvent.Disconnected.UserState;

/**
 * Follows each sshd process from connection to end: ties revoked keys and refused certificates to the
 * account a later line of the same pid names, and login sessions to their end (for durations). Memory is
 * bounded: a process is forgotten when its connection ends, when the map is full (least recently seen
 * first), or when it has been silent for long (an hour before login, a week after).
 */
final class ProcessTracker {
    static final int MAX_PROCESSES = 20_000;
    private static final int SWEEP_EVERY = 1 << 16;

    /*
     * The table is sized for the cap from the start (128 KB of slots): a log holds few live processes at a
     * time, but pids grow by one per connection, so in a table sized for the live ones each new pid lands in
     * a bucket holding a long-lived process (a Dropbear connection, whose end is not logged) and the lookup
     * reads that cold entry; in a sparse table its bucket is empty, and the next pid's is the next slot.
     */
    private final BoundedMap<PidState.Key, PidState> processes = new BoundedMap<>(MAX_PROCESSES,
            MAX_PROCESSES * 4 / 3 + 1, this::forget);
    private final RecentList<Login> logins = new RecentList<>(500);
    private final RecentList<CredentialStory> credentials = new RecentList<>(500);
    private long events;
    /*
     * The process looked up last, by host and pid, found or not (lastState null: no such process): a
     * connection logs several lines in a row, so most lookups hit it and skip the map, and lines of processes
     * that are not followed (SFTP servers, other programs, scanners) do not miss in the map line after line.
     * Exact, as the entry found last is already the most recent in the map's order and a miss changes
     * nothing; every put or remove clears it (lastHost null).
     */
    private String lastHost;
    private int lastPid;
    private PidState lastState;

    void accept(LogEvent event) {
        accept(event, event.source());
    }

    /** @param source {@code event.source()}, when the caller has it already */
    void accept(LogEvent event, Optional<String> source) {
        LogLine line = event.line();
        if (line.pid() < 0 || event instanceof LogEvent.OtherProgram || event instanceof LogEvent.SftpSession
                || event instanceof LogEvent.SftpOperation) {
            return;
        }
        if (++events % SWEEP_EVERY == 0) {
            line.time().ifPresent(this::sweep);
        }
        PidState state = lookup(line);
        if (event instanceof LogEvent.Connected) {
            if (state != null) {
                end(state, Outcome.UNKNOWN, Optional.empty(), "pid reused");
            }
            state = null;
        }
        if (state == null) {
            if (!opensState(event)) {
                return;
            }
            state = new PidState(new PidState.Key(line.host(), line.pid()));
            put(state.key, state);
        }
        update(state, event, source);
    }

    /** Only events that carry something worth following open a new process record. */
    private static boolean opensState(LogEvent event) {
        return event instanceof LogEvent.Connected || event instanceof LogEvent.KeyRevoked
                || event instanceof LogEvent.CertificateRejected || event instanceof LogEvent.Accepted
                || event instanceof LogEvent.Failed || event instanceof LogEvent.ClientVersion
                || event instanceof LogEvent.InvalidUser;
    }

    private void update(PidState state, LogEvent event, Optional<String> source) {
        Optional<LocalDateTime> time = event.line().time();
        if (time.isPresent()) {
            if (state.firstSeen == null) {
                state.firstSeen = time.get();
            }
            state.lastSeen = time.get();
        }
        if (source.isPresent()) {
            state.address = source.get();
        }
        if (event instanceof LogEvent.Connected c) {
            state.port = c.port();
        } else if (event instanceof LogEvent.ClientVersion v) {
            state.clientVersion = v.version();
        } else if (event instanceof LogEvent.KeyRevoked k) {
            state.credentials.add(new PidState.PendingCredential(CredentialStory.Kind.REVOKED_KEY,
                    k.keyType() + " " + k.fingerprint(), event.line()));
        } else if (event instanceof LogEvent.CertificateRejected c) {
            c.user().ifPresent(u -> state.user = u);
            if (c.reason().equals("refused by certificate options")
                    && state.credentials.stream().anyMatch(p -> p.kind() == CredentialStory.Kind.CERTIFICATE)) {
                return; // the follow-up of the source-address refusal just logged
            }
            state.credentials.add(new PidState.PendingCredential(CredentialStory.Kind.CERTIFICATE, c.reason(), event.line()));
        } else if (event instanceof LogEvent.Failed f) {
            state.user = f.user();
            state.invalidUser = f.invalidUser();
            if (!f.method().equals("none")) { // clients try "none" first as a matter of course
                state.failures++;
            }
        } else if (event instanceof LogEvent.InvalidUser i) {
            state.user = i.user();
            state.invalidUser = true;
        } else if (event instanceof LogEvent.Accepted a) {
            state.user = a.user();
            resolveCredentials(state, Outcome.LOGGED_IN_OTHERWISE);
            if (state.login != null) { // a second login on the same pid: the first one's end was not logged
                logins.add(state.login.build(Optional.empty(), ""));
            }
            state.login = new Login.Builder(a);
        } else if (event instanceof LogEvent.ChildProcess child && state.login != null) {
            PidState.Key alias = new PidState.Key(state.key.host(), child.childPid());
            state.aliases.add(alias);
            put(alias, state);
        } else if (event instanceof LogEvent.Disconnected d) {
            d.user().ifPresent(u -> state.user = u);
            if (state.login != null && !d.preauth()) {
                end(state, Outcome.UNKNOWN, time, d.reason().isEmpty() ? "disconnected" : d.reason());
            } else if (d.preauth() || d.userState() != UserState.NONE) {
                boolean failed = state.failures > 0 || d.reason().contains("Too many");
                end(state, failed ? Outcome.FAILED_OTHERWISE : Outcome.GAVE_UP, time, "closed before login");
            }
        } else if (event instanceof LogEvent.TooManyFailures) {
            end(state, Outcome.FAILED_OTHERWISE, time, "too many authentication failures");
        } else if (event instanceof LogEvent.PreauthTimeout) {
            end(state, Outcome.TIMED_OUT, time, "timeout before authentication");
        } else if (event instanceof LogEvent.SessionClosed || event instanceof LogEvent.KeepaliveLost) {
            if (state.login != null) {
                end(state, Outcome.UNKNOWN, time, event instanceof LogEvent.KeepaliveLost k ? k.reason() : "session closed");
            }
        }
    }

    private void resolveCredentials(PidState state, Outcome outcome) {
        for (PidState.PendingCredential pending : state.credentials) {
            credentials.add(new CredentialStory(pending.kind(), pending.credential(), Optional.ofNullable(state.user),
                    Optional.ofNullable(state.address), outcome, pending.line().time(), pending.line().host(), pending.line().pid()));
        }
        state.credentials.clear();
    }

    /** The process ended: close its stories and forget it. */
    private void end(PidState state, Outcome outcome, Optional<LocalDateTime> time, String ending) {
        resolveCredentials(state, outcome);
        if (state.login != null) {
            logins.add(state.login.build(time, ending));
            state.login = null;
        }
        lastHost = null;
        processes.remove(state.key);
        for (PidState.Key alias : state.aliases) {
            processes.remove(alias);
        }
    }

    private void put(PidState.Key key, PidState state) {
        lastHost = null;
        processes.put(key, state);
    }

    /** The live process of the line's host and pid, or null. */
    private PidState lookup(LogLine line) {
        if (lastHost != null && lastPid == line.pid() && lastHost.equals(line.host())) {
            return lastState;
        }
        PidState state = processes.get(new PidState.Key(line.host(), line.pid()));
        lastHost = line.host();
        lastPid = line.pid();
        lastState = state;
        return state;
    }

    /** Called by the map when it is full: the outcome is lost with the process. */
    private void forget(PidState state) {
        resolveCredentials(state, Outcome.UNKNOWN);
        if (state.login != null) {
            logins.add(state.login.build(Optional.empty(), ""));
            state.login = null;
        }
    }

    private void sweep(LocalDateTime now) {
        LocalDateTime preauthLimit = now.minusHours(1);
        LocalDateTime sessionLimit = now.minusDays(7);
        List<PidState> stale = new ArrayList<>();
        for (Iterator<PidState> it = processes.values().iterator(); it.hasNext(); ) {
            PidState state = it.next();
            LocalDateTime seen = state.lastSeen;
            if (seen != null && seen.isBefore(state.login == null ? preauthLimit : sessionLimit)) {
                stale.add(state);
            }
        }
        lastHost = null;
        for (PidState state : stale) {
            forget(state);
            processes.remove(state.key);
            state.aliases.forEach(processes::remove);
        }
    }

    /** Logins ended in the log, then those still open at its end (without duration). */
    List<Login> logins() {
        List<Login> all = new ArrayList<>(logins.items());
        for (PidState state : liveStates()) {
            if (state.login != null) {
                all.add(state.login.build(Optional.empty(), ""));
            }
        }
        all.sort((a, b) -> a.time().orElse(LocalDateTime.MIN).compareTo(b.time().orElse(LocalDateTime.MIN)));
        return all;
    }

    /** Each live process once (children are filed under their own pid too). */
    private List<PidState> liveStates() {
        List<PidState> states = new ArrayList<>();
        processes.forEach((key, state) -> {
            if (key.equals(state.key)) {
                states.add(state);
            }
        });
        return states;
    }

    long loginCount() {
        return logins.total() + liveStates().stream().filter(s -> s.login != null).count();
    }

    /** Stories whose outcome is known, then those still pending at the end of the log. */
    List<CredentialStory> credentials() {
        List<CredentialStory> all = new ArrayList<>(credentials.items());
        for (PidState state : liveStates()) {
            for (PidState.PendingCredential pending : state.credentials) {
                all.add(new CredentialStory(pending.kind(), pending.credential(), Optional.ofNullable(state.user),
                        Optional.ofNullable(state.address), Outcome.UNKNOWN, pending.line().time(), pending.line().host(),
                        pending.line().pid()));
            }
        }
        return all;
    }

    /** The client address of the line's process, when an earlier line of it named one. */
    Optional<String> addressOf(LogLine line) {
        if (line.pid() < 0) {
            return Optional.empty();
        }
        PidState state = lookup(line);
        return state == null ? Optional.empty() : Optional.ofNullable(state.address);
    }

    /** The account of the line's process, when an earlier line of it named one. */
    Optional<String> userOf(LogLine line) {
        if (line.pid() < 0) {
            return Optional.empty();
        }
        PidState state = lookup(line);
        return state == null ? Optional.empty() : Optional.ofNullable(state.user);
    }

    int liveProcesses() {
        return processes.size();
    }
}
