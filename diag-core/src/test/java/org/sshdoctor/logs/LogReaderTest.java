package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogReaderTest {
    @Test
    void theWordWiseNewlineSearchFindsTheFirstNewlineAtEveryOffset() {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) { // newlines, their neighbours in value, high bytes
                bytes[i] = (byte) new int[] {'\n', '\n' - 1, '\n' + 1, 0, 0x8a, 0xff, 'a', ' '}[random.nextInt(8)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, LogReader.indexOfNewline(bytes, from, to), () -> java.util.Arrays.toString(bytes));
        }
    }

    @Test
    void linesOfEveryLengthAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int length = 0; length < 300; length++) {
            String line = "x".repeat(length) + (length % 3 == 0 ? "\u00e9" : "");
            expected.add(line);
            text.append(line).append(length % 2 == 0 ? "\n" : "\r\n");
        }
        String all = text.toString().repeat(4); // about 180 KB: lines cross the 64 KB buffer's ends
        try (LogReader reader = new LogReader(new ByteArrayInputStream(all.getBytes(StandardCharsets.UTF_8)))) {
            for (int copy = 0; copy < 4; copy++) {
                for (String line : expected) {
                    assertEquals(line, reader.readLine());
                }
            }
            assertNull(reader.readLine());
        }
    }
}
