package org.sshdoctor.logs;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Small bounded tallies the finding rules need besides the per-source and per-process trackers: what
 * was refused, how often, with a few examples. Every map is capped at {@value #CAP} keys.
 */
final class Observations {
    static final int CAP = 200;

    /** A count with up to five example values (addresses, users ...). */
    static final class Tally {
        long count;
        final Set<String> examples = new LinkedHashSet<>();

        void add(String example) {
            count++;
            if (examples.size() < 5 && example != null && !example.isEmpty()) {
                examples.add(example);
            }
        }
    }

    final Map<String, Tally> negotiation = new LinkedHashMap<>();
    final Map<String, Tally> notAllowed = new LinkedHashMap<>();
    final Map<String, Tally> badModes = new LinkedHashMap<>();
    final Map<String, Tally> chroot = new LinkedHashMap<>();
    final Map<String, Tally> subsystems = new LinkedHashMap<>();
    final Map<String, Tally> configErrors = new LinkedHashMap<>();
    final Map<String, Tally> sftpErrors = new LinkedHashMap<>();
    final Map<String, Tally> rootPasswordLogins = new LinkedHashMap<>();
    final Tally preauthTimeouts = new Tally();
    final Tally clientsDropped = new Tally();
    final Tally maxStartups = new Tally();
    final Tally ownProbes = new Tally();

    static void add(Map<String, Tally> map, String key, String example) {
        Tally tally = map.get(key);
        if (tally == null) {
            if (map.size() >= CAP) {
                return;
            }
            tally = new Tally();
            map.put(key, tally);
        }
        tally.add(example);
    }
}
