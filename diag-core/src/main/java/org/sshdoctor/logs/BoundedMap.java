package org.sshdoctor.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry when full, so a 10 GB log needs no more memory than
 * a 10 MB one. {@link #evicted()} says how many entries were forgotten, so reports can say so.
 */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private final transient java.util.function.Consumer<V> onEvict;
    private long evicted;

    BoundedMap(int capacity) {
        this(capacity, v -> { });
    }

    /** @param onEvict told about every value forgotten because the map was full */
    BoundedMap(int capacity, java.util.function.Consumer<V> onEvict) {
        this(capacity, Math.min(capacity, 1024), onEvict);
    }

    /**
     * @param initialCapacity the table's initial size, as for {@link java.util.HashMap}
     * @param onEvict told about every value forgotten because the map was full
     */
    BoundedMap(int capacity, int initialCapacity, java.util.function.Consumer<V> onEvict) {
        super(initialCapacity, 0.75f, true);
        this.capacity = capacity;
        this.onEvict = onEvict;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > capacity) {
            evicted++;
            onEvict.accept(eldest.getValue());
            return true;
        }
        return false;
    }

    long evicted() {
        return evicted;
    }
}
