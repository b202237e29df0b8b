package org.sshdoctor.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
    private static final String MESSAGE = "Invalid user admin from 192.0.2.1 port 22";

    private static LogLine parse(String raw) {
        return new EnvelopeParser(2026, ZoneOffset.UTC).parse("t", 1, raw);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bsd syslog           | Mar 19 14:45:40 eee sshd[21157]: MSG                      | 2026-03-19T14:45:40 | eee       | sshd         | 21157",
        "single-digit day     | Nov 2 15:40:14 workshop sshd[28179]: MSG                  | 2026-11-02T15:40:14 | workshop  | sshd         | 28179",
        "with year            | Mar 19 2024 14:45:40 eee sshd[7]: MSG                     | 2024-03-19T14:45:40 | eee       | sshd         | 7",
        "no host (busybox -S) | May 9 11:11:17 sshd[30876]: MSG                           | 2026-05-09T11:11:17 | ''        | sshd         | 30876",
        "busybox facility     | Jun 20 02:18:39 vps auth.info sshd[13482]: MSG            | 2026-06-20T02:18:39 | vps       | sshd         | 13482",
        "freebsd -v           | Jan  1 00:00:00 <10.5> foxtrot sshd[1234]: MSG            | 2026-01-01T00:00    | foxtrot   | sshd         | 1234",
        "journal short-precise| Mar 19 14:45:40.123456 eee sshd-session[9]: MSG           | 2026-03-19T14:45:40.123456 | eee | sshd-session | 9",
        "rfc 3339             | 2015-04-16T18:02:50.321974+00:00 host sshd[2716]: MSG     | 2015-04-16T18:02:50.321974 | host | sshd      | 2716",
        "journal short-iso    | 2024-03-19T14:45:40+0100 box sshd-auth[5]: MSG            | 2024-03-19T14:45:40 | box       | sshd-auth    | 5",
        "journal short-full   | Tue 2024-03-19 14:45:40 CET box sshd[5]: MSG              | 2024-03-19T14:45:40 | box       | sshd         | 5",
        "macOS                | 2020-03-23 06:47:42.801612-0700  localhost sshd[3186]: MSG | 2020-03-23T06:47:42.801612 | localhost | sshd | 3186",
        "rsyslog 8 no colon   | 2020-05-29T11:28:56.058908+02:00 bastion sshd[20974] MSG  | 2020-05-29T11:28:56.058908 | bastion | sshd     | 20974",
        "rfc 5424             | <38>1 2019-07-08T17:40:16.954167-04:00 h.example sshd 57915 - - MSG | 2019-07-08T17:40:16.954167 | h.example | sshd | 57915",
        "rfc 5424 with SD     | <38>1 2022-01-19T14:23:55+00:00 OPN sshd 44255 - [meta sequenceId=\"1\"][x@1 a=\"[b]\"] MSG | 2022-01-19T14:23:55 | OPN | sshd | 44255",
        "rfc 5424 no PRI      | 2022-02-24T21:00:42.021457+00:00 evse dropbear 6052 - - MSG | 2022-02-24T21:00:42.021457 | evse | dropbear | 6052",
        "solaris              | Aug 18 07:30:25 192.168.1.5 sshd[20247]: [ID 800047 auth.notice] MSG | 2026-08-18T07:30:25 | 192.168.1.5 | sshd | 20247",
        "path as program      | Mar 19 14:45:40 eee /usr/sbin/sshd[77]: MSG               | 2026-03-19T14:45:40 | eee       | sshd         | 77",
        "socklog nested       | 2015-05-27T04:31:28.10040 auth.info: May 27 04:31:28 sshd[30993]: MSG | 2015-05-27T04:31:28.1004 | '' | sshd | 30993",
        "journal unix         | 1710855940.123456 box sshd[3]: MSG                        | 2024-03-19T13:45:40.123456 | box | sshd | 3",
    })
    void splitsEnvelopeAndMessage(String name, String raw, String time, String host, String program, int pid) {
        LogLine line = parse(raw.replace("MSG", MESSAGE));
        assertEquals(Optional.of(LocalDateTime.parse(time)), line.time(), "time");
        assertEquals(host, line.host(), "host");
        assertEquals(program, line.program(), "program");
        assertEquals(pid, line.pid(), "pid");
        assertEquals(MESSAGE, line.message(), "message");
    }

    @Test
    void bareMessagesKeepTheWholeLine() {
        LogLine line = parse("Failed password for root from 192.0.2.1 port 22 ssh2");
        assertTrue(line.bare());
        assertEquals("Failed password for root from 192.0.2.1 port 22 ssh2", line.message());
        LogLine socklog = parse("2015-05-27T04:31:28.10040 auth.info: sshd[30993]:  Invalid user admin from 1.2.3.4");
        assertEquals("sshd", socklog.program());
        assertEquals("Invalid user admin from 1.2.3.4", socklog.message());
    }

    @Test
    void journalJsonWithTextAndByteArrayMessages() {
        LogLine text = parse("{\"__REALTIME_TIMESTAMP\":\"1710855940000000\",\"_HOSTNAME\":\"box\",\"SYSLOG_IDENTIFIER\":\"sshd\","
                + "\"_PID\":\"812\",\"MESSAGE\":\"Accepted publickey for fred from 192.0.2.60 port 59915 ssh2: ED25519 SHA256:abc\"}");
        assertEquals("sshd", text.program());
        assertEquals(812, text.pid());
        assertEquals("box", text.host());
        assertEquals(Optional.of(LocalDateTime.parse("2024-03-19T13:45:40")), text.time());
        assertTrue(text.message().startsWith("Accepted publickey for fred"));
        LogLine bytes = parse("{\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"9\",\"MESSAGE\":[73,110,118,97,108,105,100,32,117,115,101,114,32,"
                + "255,32,102,114,111,109,32,49,46,50,46,51,46,52]}");
        assertEquals("Invalid user \uFFFD from 1.2.3.4", bytes.message());
    }

    @Test
    void syslogYearRollsOverAtNewYearAndFollowsTheFileDate() {
        EnvelopeParser parser = new EnvelopeParser(LocalDate.of(2026, 1, 3), ZoneOffset.UTC);
        assertEquals(2025, parser.parse("t", 1, "Dec 31 23:59:59 h sshd[1]: x").time().get().getYear(), "December before a January file date");
        assertEquals(2026, parser.parse("t", 2, "Jan  1 00:00:01 h sshd[1]: x").time().get().getYear(), "rolled over");
    }

    @Test
    void impossibleDatesAndGarbageDoNotThrow() {
        assertEquals(Optional.empty(), new EnvelopeParser(2025, ZoneOffset.UTC).parse("t", 1, "Feb 29 10:00:00 h sshd[1]: x").time());
        for (String garbage : new String[] {"", "<", "<999999", "<1>", "{", "{\"MESSAGE\":", "Jan", "2024-13-45T99:99:99 x",
                "\u0000\u0001\u0002", "[ID", "x[", "sshd[: x", "-- Boot 12 --"}) {
            parse(garbage);
        }
    }
}
