package org.sshdoctor.ssh;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parser of a server's first binary packet (the body after the length field: padding
 * length, payload, padding), which reads KEXINIT name-list lengths and disconnect texts a hostile
 * server chose. Without JAZZER_FUZZ set it replays the seeds in
 * src/test/resources/org/sshdoctor/ssh/FirstPacketFuzzTestInputs. Any exception is a bug.
 */
class FirstPacketFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void firstPacketParsingNeverThrows(byte[] packet) {
        FirstPacketReader.Result result = FirstPacketReader.parse(packet);
        if (result instanceof FirstPacketReader.Disconnect disconnect
                && disconnect.disconnect().text().length() > ServerDisconnect.SSH_SHOWS) {
            throw new AssertionError("a disconnect text longer than ssh shows was kept");
        }
    }
}
