package org.sshdoctor.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-address counters of {@link SourceTracker}, keyed by address, bounded: when full, the eighth
 * of the entries least recently used is forgotten at once.
 *
 * <p>Why not a {@code LinkedHashMap} in access order: a log under a botnet names tens of thousands of
 * addresses in turn, so nearly every new connection finds its entry cold in memory, and a map lookup
 * chases the table, the node, the key String and its bytes and relinks two cold neighbours: about
 * 150 ns a line on the 1 M-line benchmark. Here a lookup reads one slot of the entry array and the
 * entry itself, which holds its hash and its address packed into two {@code long}s (addresses up to
 * 16 ASCII characters: every IPv4 address), so comparing it touches no String. Linear probing; the
 * table is at most half full. Single-threaded.
 */
final class SourceTable {
    private final int capacity;
    private SourceTracker.Source[] entries = new SourceTracker.Source[1024];
    private int size;
    private long clock;
    private long evicted;

    SourceTable(int capacity) {
        this.capacity = capacity;
    }

    /** The entry of this address, created when absent (forgetting the least recently used ones when full). */
    SourceTracker.Source computeIfAbsent(String address) {
        SourceTracker.Source found = get(address);
        if (found != null) {
            return found;
        }
        if (size >= capacity) {
            evictLeastRecentlyUsed(Math.max(1, capacity / 8));
        }
        if ((size + 1) * 2 > entries.length) {
            rehash(entries.length * 2);
        }
        SourceTracker.Source source = new SourceTracker.Source(address);
        source.packed0 = pack(address, 0);
        source.packed1 = pack(address, 8);
        source.lastUse = ++clock;
        source.hash = hash(address);
        insert(source);
        size++;
        return source;
    }

    /** The entry of this address, or null; counts as a use. */
    SourceTracker.Source get(String address) {
        int h = hash(address);
        int mask = entries.length - 1;
        long p0 = pack(address, 0);
        long p1 = pack(address, 8);
        boolean packed = p0 != NOT_PACKED && p1 != NOT_PACKED;
        SourceTracker.Source source;
        for (int i = h & mask; (source = entries[i]) != null; i = (i + 1) & mask) {
            if (source.hash == h && (packed ? source.packed0 == p0 && source.packed1 == p1 : source.address.equals(address))) {
                source.lastUse = ++clock;
                return source;
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    long evicted() {
        return evicted;
    }

    /** Every entry, in no particular order. */
    List<SourceTracker.Source> values() {
        List<SourceTracker.Source> all = new ArrayList<>(size);
        for (SourceTracker.Source source : entries) {
            if (source != null) {
                all.add(source);
            }
        }
        return all;
    }

    private void evictLeastRecentlyUsed(int count) {
        long[] uses = new long[size];
        int n = 0;
        for (SourceTracker.Source source : entries) {
            if (source != null) {
                uses[n++] = source.lastUse;
            }
        }
        Arrays.sort(uses);
        long threshold = uses[count - 1]; // uses are distinct: exactly count entries are at or below it
        SourceTracker.Source[] old = entries;
        entries = new SourceTracker.Source[old.length];
        for (SourceTracker.Source source : old) {
            if (source != null && source.lastUse > threshold) {
                insert(source);
            }
        }
        size -= count;
        evicted += count;
    }

    private void rehash(int length) {
        SourceTracker.Source[] old = entries;
        entries = new SourceTracker.Source[length];
        for (SourceTracker.Source source : old) {
            if (source != null) {
                insert(source);
            }
        }
    }

    private void insert(SourceTracker.Source source) {
        int mask = entries.length - 1;
        int i = source.hash & mask;
        while (entries[i] != null) {
            i = (i + 1) & mask;
        }
        entries[i] = source;
    }

    private static int hash(String address) {
        // String hashes of neighbouring addresses are neighbouring numbers, which would cluster in a linearly
        // probed table: mix them (MurmurHash3's finaliser)
        int h = address.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** Marks an address that cannot be packed (longer than 16 characters or not ASCII). */
    static final long NOT_PACKED = -1L;

    /** Characters {@code from..from+8} of the address as one long (zero-padded); NOT_PACKED if it cannot be packed. */
    static long pack(String address, int from) {
        int length = address.length();
        if (length > 16) {
            return NOT_PACKED;
        }
        long value = 0;
        for (int i = from; i < from + 8 && i < length; i++) {
            char c = address.charAt(i);
            if (c == 0 || c > 127) {
                return NOT_PACKED;
            }
            value = value << 8 | c;
        }
        return value;
    }
}
