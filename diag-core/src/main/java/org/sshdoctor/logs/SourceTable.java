package org.sshdoctor.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-address counters of {@link SourceTracker}, keyed by address, bounded: when full, the eighth
 * of the entries least recently used is forgotten at once.
 *
 * <p>Why not a {@code LinkedHashMap} in access order: a log under a botnet names tens of thousands of
 * addresses in turn, so nearly every new connection finds its entry cold in memory (the young
 * generation streams through the caches between two connections of one address), and a map lookup
 * chases the table, the node, the key String and its bytes and relinks two cold neighbours: about
 * 150 ns a line on the 1 M-line benchmark. Here a lookup reads one slot of a small {@code int[]}
 * index (4 bytes a slot: the entry's number and a fingerprint of its hash, so a collision costs no
 * dereference), then the entry, which holds its hash and its address packed into two {@code long}s
 * (addresses up to 16 ASCII characters: every IPv4 address), so comparing it touches no String.
 * Entries sit in an array in the order they were created (after an eviction: of their last use), not
 * in hash order: the garbage collector copies them in that order, so addresses seen in turn are
 * neighbours in memory too and the hardware prefetcher fetches them ahead. Linear probing, at most two
 * thirds full; no deletions (eviction rebuilds the index), so a free slot ends a search.
 * Single-threaded.
 */
final class SourceTable {
    /** Marks an address that cannot be packed (longer than 16 characters or not ASCII). */
    static final long NOT_PACKED = -1L;
    /** Index slots hold entry number + 1 in their low bits (0: free) and hash bits above. */
    private static final int ENTRY_BITS = 20;
    private static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;

    private final int capacity;
    private int[] index = new int[1024];
    private SourceTracker.Source[] entries = new SourceTracker.Source[1024];
    private int size;
    private long clock;
    private long evicted;

    SourceTable(int capacity) {
        if (capacity >= ENTRY_MASK) {
            throw new IllegalArgumentException("capacity " + capacity + " too large for the index");
        }
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
        if ((size + 1) * 3 > index.length * 2) {
            rebuildIndex(index.length * 2);
        }
        SourceTracker.Source source = new SourceTracker.Source(address);
        source.packed0 = pack(address, 0);
        source.packed1 = pack(address, 8);
        source.hash = hash(address, source.packed0, source.packed1);
        source.lastUse = ++clock;
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size] = source;
        size++;
        insert(source, size);
        return source;
    }

    /** The entry of this address, or null; counts as a use. */
    SourceTracker.Source get(String address) {
        long p0 = pack(address, 0);
        long p1 = pack(address, 8);
        boolean packed = p0 != NOT_PACKED && p1 != NOT_PACKED;
        int h = hash(address, p0, p1);
        int fingerprint = h & ~ENTRY_MASK;
        int mask = index.length - 1;
        int slot;
        for (int i = h & mask; (slot = index[i]) != 0; i = (i + 1) & mask) {
            if ((slot & ~ENTRY_MASK) != fingerprint) {
                continue;
            }
            SourceTracker.Source source = entries[(slot & ENTRY_MASK) - 1];
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
        return new ArrayList<>(Arrays.asList(entries).subList(0, size));
    }

    /** Keeps the most recently used entries, in the order of their last use. */
    private void evictLeastRecentlyUsed(int count) {
        SourceTracker.Source[] byUse = Arrays.copyOf(entries, size);
        Arrays.sort(byUse, (a, b) -> Long.compare(a.lastUse, b.lastUse)); // uses are distinct: the first count go
        size -= count;
        entries = new SourceTracker.Source[entries.length];
        System.arraycopy(byUse, count, entries, 0, size);
        evicted += count;
        rebuildIndex(index.length);
    }

    private void rebuildIndex(int slots) {
        index = new int[slots];
        for (int e = 0; e < size; e++) {
            insert(entries[e], e + 1);
        }
    }

    /** Files entry number {@code number - 1} under its hash. */
    private void insert(SourceTracker.Source source, int number) {
        int mask = index.length - 1;
        int i = source.hash & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = (source.hash & ~ENTRY_MASK) | number;
    }

    private static int hash(String address, long p0, long p1) {
        // Packed addresses: neighbouring addresses pack to neighbouring numbers, which would cluster in a
        // linearly probed table: mix them (a multiplicative hash, then MurmurHash3's 64-bit finaliser step).
        long h = p0 != NOT_PACKED && p1 != NOT_PACKED ? p0 * 0x9E3779B97F4A7C15L + p1 : address.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

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
