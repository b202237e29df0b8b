package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTableTest {
    @Test
    void addressesThatDifferOnlyInLengthCaseOrTailAreDifferentEntries() {
        SourceTable table = new SourceTable(100);
        List<String> addresses = List.of("1.2.3.4", "1.2.3.40", "1.2.3.4 ", "01.2.3.4", "2001:db8::1", "2001:db8::10",
                "2001:db8:0:0:0:0:0:1", "host.example", "HOST.example", "ünïcode-host", "ünïcode-hosT", "",
                "a-host-name-longer-than-sixteen", "a-host-name-longer-than-sixteeN", "1234567890123456", "123456789012345",
                "abcdefgh-ü", "abcdefgh-é");
        for (String address : addresses) {
            assertEquals(address, table.computeIfAbsent(address).address);
        }
        assertEquals(addresses.size(), table.size());
        for (String address : addresses) {
            assertSame(table.get(address), table.computeIfAbsent(new String(address)), address);
        }
        assertNull(table.get("1.2.3.5"));
        assertEquals(addresses.size(), table.values().size());
    }

    @Test
    void whenFullTheLeastRecentlyUsedEighthIsForgotten() {
        SourceTable table = new SourceTable(800);
        for (int i = 0; i < 800; i++) {
            table.computeIfAbsent("10.0." + (i / 256) + "." + (i % 256));
        }
        SourceTracker.Source oldButUsed = table.get("10.0.0.0"); // the oldest entry, just used again
        table.computeIfAbsent("192.0.2.1"); // the 801st: the 100 least recently used go
        assertEquals(701, table.size());
        assertEquals(100, table.evicted());
        assertSame(oldButUsed, table.get("10.0.0.0"));
        assertNull(table.get("10.0.0.1"));
        assertNull(table.get("10.0.0.100"));
        assertNotNull(table.get("10.0.0.101"));
        assertNotNull(table.get("10.0.3.31"));
        SourceTracker.Source again = table.computeIfAbsent("10.0.0.1");
        assertNotSame(oldButUsed, again);
        assertEquals(702, table.size());
    }

    @Test
    void growsPastItsInitialSizeWithoutLosingEntries() {
        SourceTable table = new SourceTable(20_000);
        for (int i = 0; i < 20_000; i++) {
            table.computeIfAbsent("2001:db8::" + Integer.toHexString(i));
        }
        assertEquals(20_000, table.size());
        assertEquals(0, table.evicted());
        for (int i = 0; i < 20_000; i += 997) {
            assertEquals("2001:db8::" + Integer.toHexString(i), table.get("2001:db8::" + Integer.toHexString(i)).address);
        }
    }
}
