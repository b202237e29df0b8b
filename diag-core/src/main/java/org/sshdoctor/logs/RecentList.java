package org.sshdoctor.logs;

import java.util.ArrayDeque;
import java.util.List;

/** Keeps the last {@code capacity} items and counts all of them. */
final class RecentList<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private long total;

    RecentList(int capacity) {
        this.capacity = capacity;
    }

    void add(T item) {
        total++;
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    List<T> items() {
        return List.copyOf(items);
    }

    long total() {
        return total;
    }
}
