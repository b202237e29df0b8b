package org.sshdoctor.logs;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Per-address and per-user counters, bounded in size (least recently seen entries are forgotten first). */
final class SourceTracker {
    static final int MAX_SOURCES = 20_000;
    static final int MAX_USERS = 20_000;
    private static final int USERS_PER_SOURCE = 10;
    private static final int SOURCES_PER_USER = 100;

    private final SourceTable sources = new SourceTable(MAX_SOURCES);
    private final BoundedMap<String, User> users = new BoundedMap<>(MAX_USERS);
    /*
     * The entries used last. Consecutive lines mostly name the same address (one connection logs several
     * lines) and the same account: skipping the map for them saves a hash lookup per line. Skipping is exact
     * because the entry used last is already the most recently used one in the map's order; every other
     * access goes through lookups that update these fields.
     */
    private Source lastSource;
    private User lastUser;
    /** The time converted last (lines of one second share one instance): converted once. */
    private LocalDateTime lastTime;
    private long lastTimeSecond;

    private static final long NO_TIME = Long.MIN_VALUE;

    private static Optional<LocalDateTime> time(long second, int nano) {
        return second == NO_TIME ? Optional.empty() : Optional.of(LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC));
    }

    /** Mutable counters of one address. */
    static final class Source {
        final String address;
        long failed;
        long passwords;
        long pam;
        long refused;
        long invalid;
        long none;
        long probes;
        long accepted;
        final List<String> usersTried = new ArrayList<>(2);
        int distinctUsers;
        final List<String> versions = new ArrayList<>(1);
        /*
         * First and last sighting as epoch second (UTC) and nanosecond, not LocalDateTime references: every
         * connection updates "last", and a long-lived entry pointing at a new object keeps that object alive
         * through each young collection (with 20 000 addresses in turn that cost more than all the parsing).
         */
        long firstSecond = NO_TIME;
        int firstNano;
        long lastSecond = NO_TIME;
        int lastNano;
        /** The account named last, as the shared instance of {@link User#name}: usually the next line's too. */
        String lastTried;
        /** For {@link SourceTable}: the address packed into two longs, when it was used last, its hash. */
        long packed0;
        long packed1;
        long lastUse;
        int hash;

        Source(String address) {
            this.address = address;
        }

        long attempts() {
            long passwords = Math.max(failed, pam) + refused;
            return passwords > 0 ? passwords : invalid;
        }

        SourceSummary summary() {
            return new SourceSummary(address, attempts(), Math.max(passwords, pam), invalid, none, probes, accepted, List.copyOf(usersTried),
                    distinctUsers, versions, time(firstSecond, firstNano), time(lastSecond, lastNano));
        }
    }

    /** Mutable counters of one account name. */
    static final class User {
        final String name;
        long failures;
        boolean invalid;
        long accepted;
        final Set<String> sources = new LinkedHashSet<>(4);
        int sourceCount;

        User(String name) {
            this.name = name;
        }

        UserSummary summary() {
            return new UserSummary(name, failures, invalid, accepted, sourceCount);
        }
    }

    /** @param address the event's client address, or its process's when the line names none */
    void accept(LogEvent event, Optional<String> address) {
        if (address.isEmpty()) {
            return;
        }
        Source source = counters(address.get());
        Optional<LocalDateTime> time = event.line().time();
        if (time.isPresent()) {
            if (time.get() != lastTime) {
                lastTime = time.get();
                lastTimeSecond = lastTime.toEpochSecond(ZoneOffset.UTC);
            }
            if (source.firstSecond == NO_TIME) {
                source.firstSecond = lastTimeSecond;
                source.firstNano = lastTime.getNano();
            }
            source.lastSecond = lastTimeSecond;
            source.lastNano = lastTime.getNano();
        }
        if (event instanceof LogEvent.Failed f && f.method().equals("none") && !f.invalidUser()) {
            return; // OpenSSH clients ask with "none" first as a matter of course: not an attempt
        }
        if (event instanceof LogEvent.Failed f) {
            source.failed++;
            if (f.method().startsWith("password") || f.method().startsWith("keyboard-interactive")) {
                source.passwords++;
            }
            if (f.method().equals("none") && f.invalidUser()) {
                source.none++;
            }
            tried(source, f.user(), f.invalidUser());
        } else if (event instanceof LogEvent.PamFailure p) {
            source.pam++;
            p.user().ifPresent(u -> tried(source, u, false));
        } else if (event instanceof LogEvent.InvalidUser i) {
            source.invalid++;
            tried(source, i.user(), true);
        } else if (event instanceof LogEvent.RootRefused || event instanceof LogEvent.NotAllowed) {
            source.refused++;
            event.account().ifPresent(u -> tried(source, u, false));
        } else if (event instanceof LogEvent.Accepted a) {
            source.accepted++;
            user(a.user()).accepted++;
        } else if (event instanceof LogEvent.ClientVersion v) {
            if (source.versions.size() < 3 && !source.versions.contains(v.version())) {
                source.versions.add(v.version());
            }
        } else if ((Signals.hostile(event) && !Signals.authFailure(event)) || (event instanceof LogEvent.Notice n
                && (n.code().equals("protocol-error") || n.code().equals("penalty-drop")))) {
            source.probes++; // ssh-audit's GEX test and fuzzers leave protocol errors; penalised sources were hostile
        }
    }

    private Source counters(String address) {
        Source source = lastSource;
        if (source == null || !source.address.equals(address)) {
            source = sources.computeIfAbsent(address);
            lastSource = source;
        }
        return source;
    }

    /** Records a client version logged without an address, once the pid's address is known. */
    void version(String address, String version) {
        Source source = counters(address);
        if (source.versions.size() < 3 && !source.versions.contains(version)) {
            source.versions.add(version);
        }
    }

    private void tried(Source source, String name, boolean invalid) {
        User user = user(name);
        user.failures++;
        user.invalid |= invalid;
        if (user.name == source.lastTried) {
            return; // the same User as this address's last attempt: both sides already know each other
        }
        if (source.usersTried.size() < USERS_PER_SOURCE) {
            if (!source.usersTried.contains(user.name)) {
                source.usersTried.add(user.name);
                source.distinctUsers++;
            }
        } else if (!source.usersTried.contains(user.name)) {
            source.distinctUsers = USERS_PER_SOURCE + 1; // "more than 10"
        }
        source.lastTried = user.name;
        if (user.sources.size() < SOURCES_PER_USER) {
            if (user.sources.add(source.address)) {
                user.sourceCount++;
            }
        } else if (!user.sources.contains(source.address)) {
            user.sourceCount = SOURCES_PER_USER + 1; // "more than 100"
        }
    }

    private User user(String name) {
        User user = lastUser;
        if (user == null || !user.name.equals(name)) {
            user = users.computeIfAbsent(name, User::new);
            lastUser = user;
        }
        return user;
    }

    List<SourceSummary> sources(Comparator<SourceSummary> order, int limit) {
        return top(sources.values(), Source::summary, order, limit);
    }

    List<UserSummary> users(Comparator<UserSummary> order, int limit) {
        return top(users.values(), User::summary, order, limit);
    }

    /** Accepted logins of this account name seen so far (0 when unknown). */
    long acceptedLogins(String name) {
        User user = users.get(name);
        lastUser = user; // the map's order changed: the cached entry is the most recent one again
        return user == null ? 0 : user.accepted;
    }

    /** The counters of one address, if it was seen (and not forgotten). */
    Optional<SourceSummary> source(String address) {
        Source source = sources.get(address);
        lastSource = source; // the map's order changed: the cached entry is the most recent one again
        return Optional.ofNullable(source).map(Source::summary);
    }

    int sourceCount() {
        return sources.size();
    }

    long forgottenSources() {
        return sources.evicted();
    }

    /** The first {@code limit} summaries in this order, unmodifiable (the full list is not copied once more: it can hold 20 000). */
    private static <T, S> List<S> top(Collection<T> values, Function<T, S> summary, Comparator<S> order, int limit) {
        List<S> all = new ArrayList<>(values.size());
        for (T value : values) {
            all.add(summary.apply(value));
        }
        all.sort(order);
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : Collections.unmodifiableList(all);
    }
}
