package org.sshdoctor.kb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Finds which of many literal anchors occur in a line in one pass (Aho-Corasick), so the cost of
 * pre-filtering does not grow with the number of articles. Built once; read-only afterwards.
 */
final class AnchorIndex {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    private final List<BitSet> output = new ArrayList<>();

    /** Indexes {@code anchors}; anchor {@code i} is reported as bit {@code i}. Empty anchors are skipped. */
    AnchorIndex(List<String> anchors) {
        newNode();
        for (int i = 0; i < anchors.size(); i++) {
            String anchor = anchors.get(i);
            if (anchor.isEmpty()) {
                continue;
            }
            int node = 0;
            for (char c : anchor.toCharArray()) {
                Integer child = next.get(node).get(c);
                if (child == null) {
                    child = newNode();
                    next.get(node).put(c, child);
                }
                node = child;
            }
            output.get(node).set(i);
        }
        Queue<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(0).values()) {
            fail.set(child, 0);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.remove();
            for (Map.Entry<Character, Integer> edge : next.get(node).entrySet()) {
                int child = edge.getValue();
                int f = fail.get(node);
                while (f != 0 && !next.get(f).containsKey(edge.getKey())) {
                    f = fail.get(f);
                }
                Integer target = next.get(f).get(edge.getKey());
                fail.set(child, target != null && target != child ? target : 0);
                output.get(child).or(output.get(fail.get(child)));
                queue.add(child);
            }
        }
    }

    private int newNode() {
        next.add(new HashMap<>());
        fail.add(0);
        output.add(new BitSet());
        return next.size() - 1;
    }

    /** The anchors occurring in {@code lowerText} (already lower-cased). */
    BitSet find(String lowerText) {
        BitSet found = new BitSet();
        int node = 0;
        for (int i = 0; i < lowerText.length(); i++) {
            char c = lowerText.charAt(i);
            Integer child = next.get(node).get(c);
            while (child == null && node != 0) {
                node = fail.get(node);
                child = next.get(node).get(c);
            }
            node = child == null ? 0 : child;
            found.or(output.get(node));
        }
        return found;
    }
}
