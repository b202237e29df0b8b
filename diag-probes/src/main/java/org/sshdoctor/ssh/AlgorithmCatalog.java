package org.sshdoctor.ssh;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Facts about legacy algorithms (why they are weak, what OpenSSH did about them), kept as data in
 * {@code algorithms.tsv} next to this class so they can be updated without code changes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlgorithmCatalog {
    private static final String RESOURCE = "algorithms.tsv";

    /**
     * One algorithm worth a remark.
     *
     * @param name the algorithm's wire name
     * @param kind {@code kex}, {@code host-key}, {@code cipher}, {@code mac} or {@code compression}
     * @param weak whether {@code --audit} reports it
     * @param why what is wrong with it, one clause
     * @param openssh what OpenSSH did about it and when
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Note(String name, String kind, boolean weak, String why, String openssh) {}

    private final List<Note> notes;

    private AlgorithmCatalog(List<Note> notes) {
        this.notes = List.copyOf(notes);
    }

    /** The catalogue shipped with sshdoctor. */
    public static AlgorithmCatalog builtIn() {
        return Holder.INSTANCE;
    }

    /** The note on {@code name} used as a {@code kind} algorithm, if it has one. */
    public Optional<Note> note(AlgorithmKind kind, String name) {
        return notes.stream().filter(n -> n.name().equals(name) && n.kind().equals(kind.label())).findFirst();
    }

    /** The kind of a listed algorithm. */
    Optional<AlgorithmKind> kindOf(String name) {
        return notes.stream().filter(n -> n.name().equals(name)).findFirst()
                .map(n -> AlgorithmKind.valueOf(n.kind().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    }

    /** Loaded once: immutable data, so sharing it is safe. */
    private static final class Holder {
        static final AlgorithmCatalog INSTANCE = load();

        private static AlgorithmCatalog load() {
            return new AlgorithmCatalog(TabSeparatedResource.records(RESOURCE, 5).stream()
                    .map(r -> new Note(r.get(0), r.get(1), yes(r.get(2)), r.get(3), r.get(4)))
                    .toList());
        }

        private static boolean yes(String weak) {
            if (!weak.equals("yes") && !weak.equals("no")) {
                throw new IllegalStateException(RESOURCE + ": weak must be yes or no, not '" + weak + "'");
            }
            return weak.equals("yes");
        }
    }
}
