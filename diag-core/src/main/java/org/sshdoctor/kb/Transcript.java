package org.sshdoctor.kb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What an {@code ssh -v} (or {@code -vv}, {@code -vvv}) transcript shows about a connection attempt.
 *
 * @param lastPhase the furthest phase reached: {@code resolve}, {@code connect}, {@code banner},
 *     {@code kex}, {@code hostkey}, {@code auth}, {@code session} or {@code subsystem}
 * @param phases every phase reached, in order
 * @param facts values read from the transcript: {@code client}, {@code server}, {@code host},
 *     {@code address}, {@code port}, {@code user}, {@code kex}, {@code hostKeyAlgorithm},
 *     {@code hostKey}, {@code hostKeyStatus}, {@code knownHosts}, {@code methods},
 *     {@code authenticatedWith}, {@code command}, {@code subsystem}... (only those present)
 * @param keys every identity ssh considered, in the order it considered them
 * @param outcome {@code authenticated}, {@code failed} or {@code incomplete} (the paste ends early)
 * @param notes conclusions in plain words, most important first
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Transcript(String lastPhase, List<String> phases, Map<String, String> facts, List<KeyAttempt> keys,
        String outcome, List<String> notes) {

    public Transcript {
        Objects.requireNonNull(lastPhase, "lastPhase");
        phases = List.copyOf(phases);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        keys = List.copyOf(keys);
        Objects.requireNonNull(outcome, "outcome");
        notes = List.copyOf(notes);
    }

    /**
     * One identity as the transcript shows it.
     *
     * @param path the file (or agent comment) ssh names
     * @param type key type ({@code ED25519}, {@code RSA}...), empty when unknown
     * @param fingerprint {@code SHA256:...}, empty when not shown
     * @param origin {@code explicit} (IdentityFile or -i), {@code agent}, {@code explicit agent} or
     *     {@code default}
     * @param result {@code refused}, {@code accepted} (the server would take it, then the client had
     *     to sign), {@code used}, {@code skipped}, {@code missing} (no such file, never offered) or
     *     {@code not tried}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record KeyAttempt(String path, String type, String fingerprint, String origin, String result) {
        public KeyAttempt {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(result, "result");
        }

        KeyAttempt withResult(String newResult) {
            return new KeyAttempt(path, type, fingerprint, origin, newResult);
        }

        KeyAttempt withDetails(String newType, String newFingerprint, String newOrigin) {
            return new KeyAttempt(path, type.isEmpty() ? newType : type,
                    fingerprint.isEmpty() ? newFingerprint : fingerprint,
                    newOrigin.isEmpty() ? origin : newOrigin, result);
        }
    }
}
