package org.sshdoctor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.sshdoctor.fleet.FleetInput;
import org.sshdoctor.model.TargetSpec;
import org.sshdoctor.ssh.ServerIdentification;

/**
 * Fuzzes the parsers of untrusted input. Without JAZZER_FUZZ set (as in CI's normal run) each target
 * replays its seed corpus in src/test/resources/org/sshdoctor/fuzz/ParserFuzzTestInputs; with
 * {@code JAZZER_FUZZ=1} it fuzzes for maxDuration (see DEVELOPERS.md). Any exception other than the
 * documented IllegalArgumentException of a rejected target is a bug: keep the input as a seed.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void targetParsingOnlyRejectsWithAMessage(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            TargetSpec spec = TargetSpec.parse(text);
            if (spec.host().isEmpty()) {
                throw new AssertionError("accepted an empty host from '" + text + "'");
            }
        } catch (IllegalArgumentException expected) {
            if (expected.getMessage() == null || expected.getMessage().contains("\n") && !text.contains("\n")) {
                throw new AssertionError("a rejection must be one line naming the problem", expected);
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void identificationParsingNeverThrows(FuzzedDataProvider data) {
        ServerIdentification.parse("SSH-" + data.consumeRemainingAsString(), List.of());
    }

    @FuzzTest(maxDuration = "20s")
    void fleetInputParsingNeverThrows(FuzzedDataProvider data) {
        FleetInput.parse(data.consumeRemainingAsString().lines().toList(), "fuzz");
    }
}
