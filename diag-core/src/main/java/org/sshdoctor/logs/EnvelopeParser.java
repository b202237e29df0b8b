package org.sshdoctor.logs;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Splits a log line into envelope and message, for every common way sshd's lines are written: BSD
 * syslog (with or without year, with or without host, busybox's {@code auth.info} and FreeBSD's
 * {@code <10.5>} tokens), RFC 3339/ISO timestamps (rsyslog, macOS, journalctl short-iso/short-full),
 * RFC 5424 (with or without PRI), socklog prefixes, Solaris {@code [ID n auth.info]} tags, {@code
 * journalctl -o json} and bare messages without any envelope. It never fails: a line it cannot split is
 * returned as a bare message.
 *
 * <p>Stateful (not thread-safe): BSD syslog lines carry no year, so the parser starts at the given
 * year and moves to the next one when the month goes backwards by more than half a year (December to
 * January across a rotation).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EnvelopeParser {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String WEEKDAYS = "MonTueWedThuFriSatSun";

    private final JournalJson journal;
    private int year;
    private int lastMonth;
    private final int referenceMonth;
    private String lastHost;
    private String lastStamp;
    private LocalDateTime lastStampTime;
    private java.time.LocalDate date;
    private int dateYear;
    private int dateMonth;
    private int dateDay;
    private LocalDateTime optionalFor;
    private Optional<LocalDateTime> optionalTime = Optional.empty();
    /** Set by the timestamp parsers: the time found, or null. Reset for every attempt. */
    private LocalDateTime parsedTime;

    /**
     * @param year the year assumed for BSD syslog lines, which carry none (e.g. the file's year)
     * @param zone the zone journal JSON timestamps (UTC microseconds) are shown in
     */
    public EnvelopeParser(int year, ZoneId zone) {
        this(java.time.LocalDate.of(year, 12, 31), zone);
    }

    /**
     * @param reference a day at or after the log's first line (e.g. the file's modification date): BSD
     *     lines get its year, or the year before when their month is later than its month
     * @param zone the zone journal JSON timestamps (UTC microseconds) are shown in
     */
    public EnvelopeParser(java.time.LocalDate reference, ZoneId zone) {
        this.year = reference.getYear();
        this.referenceMonth = reference.getMonthValue();
        this.journal = new JournalJson(zone);
    }

    /** Parses one line (without its line terminator). */
    public LogLine parse(String source, long number, String raw) {
        if (!raw.isEmpty() && raw.charAt(0) == '{') {
            Optional<LogLine> json = journal.parse(source, number, raw);
            if (json.isPresent()) {
                return json.get();
            }
        }
        return parseText(source, number, raw, raw, 0);
    }

    private LogLine parseText(String source, long number, String raw, String text, int depth) {
        int p = 0;
        boolean rfc5424 = false;
        if (text.startsWith("-- ") && text.endsWith(" --")) { // journalctl's "-- Boot ... --" markers
            return new LogLine(source, number, Optional.empty(), "", "journal", -1, text, raw);
        }
        if (!text.isEmpty() && text.charAt(0) == '<') {
            int close = text.indexOf('>');
            if (close > 1 && close <= 4 && allDigits(text, 1, close)) {
                p = close + 1;
                if (text.startsWith("1 ", p)) {
                    rfc5424 = true;
                    p += 2;
                }
            }
        }
        int afterTime = timestamp(text, p);
        LocalDateTime time = parsedTime;
        boolean isoTime = time != null && afterTime > p && Character.isDigit(text.charAt(p));
        if (rfc5424 || isoTime) { // RFC 5424 always has an ISO timestamp (or none at all)
            LogLine structured = rfc5424(source, number, raw, text, rfc5424 && time == null ? p : afterTime, time, rfc5424);
            if (structured != null) {
                return structured;
            }
        }
        p = skipSpaces(text, afterTime);
        if (p < text.length() && text.charAt(p) == '<') { // FreeBSD syslogd -v: "<10.5> host prog[pid]:"
            int close = text.indexOf('>', p);
            if (close > p && close - p < 12) {
                p = skipSpaces(text, close + 1);
            }
        }
        int messageIfBare = p;
        String host = "";
        // Tokens are examined in place (no substring per token): this loop runs for every line.
        for (int k = 0; k < 3 && p < text.length(); k++) {
            int end = tokenEnd(text, p);
            if (isProgramToken(text, p, end)) {
                return programLine(source, number, raw, text, time, k == 0 ? "" : host, p, end);
            }
            if (depth == 0 && end - p > 1 && text.charAt(end - 1) == ':' && indexOf(text, '.', p + 1, end) >= 0
                    && indexOf(text, '[', p, end) < 0) {
                // socklog/busybox "auth.info:" prefix: what follows is a line of its own, maybe with a time
                LogLine inner = parseText(source, number, raw, text.substring(skipSpaces(text, end)), depth + 1);
                return time == null ? inner // the outer time wins: it has a year, the inner syslog one does not
                        : new LogLine(source, number, optional(time), inner.host(), inner.program(), inner.pid(), inner.message(), raw);
            }
            if (k == 0) {
                host = sameAsLastHost(text, p, end);
            }
            p = skipSpaces(text, end);
        }
        return new LogLine(source, number, optional(time), "", "", -1, text.substring(messageIfBare), raw);
    }

    /** One String instance per host name: no copy per line, and its hash is computed once for the map lookups. */
    private String sameAsLastHost(String text, int from, int to) {
        if (lastHost != null && lastHost.length() == to - from && text.startsWith(lastHost, from)) {
            return lastHost;
        }
        lastHost = text.substring(from, to);
        return lastHost;
    }

    /** The same Optional instance for the same time instance (identical stamps share one parse): one less object per line. */
    private Optional<LocalDateTime> optional(LocalDateTime time) {
        if (time == null) {
            return Optional.empty();
        }
        if (time != optionalFor) {
            optionalFor = time;
            optionalTime = Optional.of(time);
        }
        return optionalTime;
    }

    /** The line whose program token ({@code sshd[123]:}, {@code [sshd]}, {@code sshd:}) spans {@code from..to}. */
    private LogLine programLine(String source, long number, String raw, String text, LocalDateTime time,
            String host, int from, int to) {
        int coreEnd = text.charAt(to - 1) == ':' ? to - 1 : to;
        int nameStart = from;
        int nameEnd;
        int pid = -1;
        int open = indexOf(text, '[', from, coreEnd);
        if (open == from) {
            nameStart = from + 1;
            nameEnd = coreEnd - 1;
        } else if (open > from) {
            nameEnd = open;
            pid = parsePid(text, open + 1, coreEnd - 1);
        } else {
            nameEnd = coreEnd;
        }
        int m = skipSpaces(text, to);
        if (text.startsWith("[ID ", m)) { // Solaris: "[ID 800047 auth.info] message"
            int close = text.indexOf(']', m);
            if (close > 0) {
                m = skipSpaces(text, close + 1);
            }
        }
        return new LogLine(source, number, optional(time), host, Programs.canonical(text, baseNameStart(text, nameStart, nameEnd), nameEnd),
                pid, text.substring(m), raw);
    }

    /** RFC 5424: TIMESTAMP HOST APP PROCID MSGID SD MSG; without PRI only when the shape is unmistakable. */
    private static LogLine rfc5424(String source, long number, String raw, String text, int p, LocalDateTime time,
            boolean certain) {
        int i = skipSpaces(text, p);
        if (certain && text.startsWith("- ", i)) {
            i += 2;
        }
        String[] fields = new String[4];
        for (int f = 0; f < 4; f++) {
            int end = tokenEnd(text, i);
            if (end == i) {
                return null;
            }
            fields[f] = text.substring(i, end);
            i = end < text.length() ? end + 1 : end;
        }
        String procid = fields[2];
        boolean numericPid = allDigits(procid, 0, procid.length());
        if (!certain && !(numericPid || procid.equals("-"))) {
            return null;
        }
        if (i < text.length() && text.charAt(i) == '[') {
            i = skipStructuredData(text, i);
        } else if (text.startsWith("-", i)) {
            i++;
        } else if (!certain) {
            return null;
        }
        i = skipSpaces(text, i);
        if (text.startsWith("\uFEFF", i)) {
            i++;
        }
        String host = fields[0].equals("-") ? "" : fields[0];
        String app = fields[1].equals("-") ? "" : Programs.baseName(fields[1]);
        int pid = numericPid ? parsePid(procid, 0, procid.length()) : -1;
        return new LogLine(source, number, Optional.ofNullable(time), host, app, pid, text.substring(Math.min(i, text.length())), raw);
    }

    private static int skipStructuredData(String text, int i) {
        while (i < text.length() && text.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    i++;
                    break;
                }
            }
        }
        return i;
    }

    /** Parses a timestamp at {@code p} into {@link #parsedTime}; returns the position after it (p if none). */
    private int timestamp(String text, int p) {
        parsedTime = null;
        if (text.length() < p + 8) {
            return p;
        }
        int q = p;
        if (text.length() > p + 4 && text.charAt(p + 3) == ' ' && Character.isDigit(text.charAt(p + 4))
                && nameIndex(WEEKDAYS, text, p) >= 0) {
            q = p + 4; // journalctl short-full: "Tue 2024-03-19 14:45:40 CET"
        }
        if (Character.isDigit(text.charAt(q))) {
            int end = iso(text, q);
            if (end > q && q > p) {
                int next = skipSpaces(text, end);
                int zoneEnd = tokenEnd(text, next);
                if (zoneEnd > next && zoneEnd - next <= 5 && allUpper(text, next, zoneEnd)) {
                    end = zoneEnd;
                }
            }
            return end > q ? end : unixTime(text, p);
        }
        return bsd(text, p);
    }

    private int iso(String text, int p) {
        if (text.length() < p + 19 || text.charAt(p + 4) != '-' || text.charAt(p + 7) != '-'
                || (text.charAt(p + 10) != 'T' && text.charAt(p + 10) != ' ')
                || text.charAt(p + 13) != ':' || text.charAt(p + 16) != ':') {
            return p;
        }
        int y = number(text, p, 4);
        int mo = number(text, p + 5, 2);
        int d = number(text, p + 8, 2);
        int h = number(text, p + 11, 2);
        int mi = number(text, p + 14, 2);
        int s = number(text, p + 17, 2);
        int i = p + 19;
        int nanos = 0;
        if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
            int start = ++i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            nanos = fraction(text, start, i);
        }
        if (i < text.length() && text.charAt(i) == 'Z') {
            i++;
        } else if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            int j = i + 1;
            while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == ':') && j - i <= 6) {
                j++;
            }
            if (j - i >= 3) {
                i = j;
            }
        }
        if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
            return p;
        }
        parsedTime = time(y, mo, d, h, mi, s, nanos);
        return parsedTime == null ? p : i;
    }

    /** journalctl -o short-unix: "1710855940.123456 host sshd[1]: ...". */
    private int unixTime(String text, int p) {
        int i = p;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i - p < 9 || i - p > 11 || i >= text.length() || text.charAt(i) != '.') {
            return p;
        }
        int end = i + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        long seconds = Long.parseLong(text.substring(p, i));
        parsedTime = LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, fraction(text, i + 1, end)), journal.zone());
        return end;
    }

    private int bsd(String text, int p) {
        // Busy logs repeat the same second line after line: reuse the last parse when the stamp is identical.
        // the seconds first: consecutive stamps differ there if anywhere, and regionMatches walks from the left
        if (lastStamp != null && text.length() > p + 15 && text.charAt(p + 15) == ' ' && text.charAt(p + 14) == lastStamp.charAt(14)
                && text.regionMatches(p, lastStamp, 0, 14)) {
            parsedTime = lastStampTime;
            return p + 15;
        }
        int end = bsdParse(text, p);
        if (parsedTime != null && end == p + 15) {
            lastStamp = text.substring(p, p + 15);
            lastStampTime = parsedTime;
        }
        return end;
    }

    private int bsdParse(String text, int p) {
        int month = text.charAt(p + 3) == ' ' ? nameIndex(MONTHS, text, p) + 1 : 0;
        if (month == 0) {
            return p;
        }
        int i = skipSpaces(text, p + 4);
        int dayStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - dayStart < 2) {
            i++;
        }
        if (i == dayStart || i >= text.length() || text.charAt(i) != ' ') {
            return p;
        }
        int day = number(text, dayStart, i - dayStart);
        i++;
        int explicitYear = -1;
        if (text.length() > i + 5 && text.charAt(i + 4) == ' ' && allDigits(text, i, i + 4)) {
            explicitYear = number(text, i, 4); // "Mar 19 2024 14:45:40"
            i += 5;
        }
        if (text.length() < i + 8 || text.charAt(i + 2) != ':' || text.charAt(i + 5) != ':') {
            return p;
        }
        int h = number(text, i, 2);
        int mi = number(text, i + 3, 2);
        int s = number(text, i + 6, 2);
        if (h < 0 || mi < 0 || s < 0) {
            return p;
        }
        i += 8;
        int nanos = 0;
        if (i < text.length() && text.charAt(i) == '.') { // journalctl short-precise
            int start = ++i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            nanos = fraction(text, start, i);
        }
        int y = explicitYear;
        if (y < 0) {
            if (lastMonth == 0 && month > referenceMonth) {
                year--; // a December line in a file last written in January
            }
            if (lastMonth != 0 && month < lastMonth - 6) {
                year++;
            }
            lastMonth = month;
            y = year;
        }
        parsedTime = time(y, month, day, h, mi, s, nanos);
        return parsedTime == null ? p : i;
    }

    /** Which three-letter name of {@code names} (concatenated) {@code text} has at {@code p}, from 0; -1 for none. No copy. */
    private static int nameIndex(String names, String text, int p) {
        for (int i = 0; i < names.length(); i += 3) {
            if (names.charAt(i) == text.charAt(p)
                    && names.charAt(i + 1) == text.charAt(p + 1) && names.charAt(i + 2) == text.charAt(p + 2)) {
                return i / 3;
            }
        }
        return -1;
    }

    private LocalDateTime time(int y, int mo, int d, int h, int mi, int s, int nanos) {
        try {
            // a busy log has thousands of lines a day: validate and build each day once
            if (y != dateYear || mo != dateMonth || d != dateDay || date == null) {
                date = java.time.LocalDate.of(y, mo, d);
                dateYear = y;
                dateMonth = mo;
                dateDay = d;
            }
            return LocalDateTime.of(date, java.time.LocalTime.of(h, mi, s, nanos));
        } catch (DateTimeException e) {
            return null; // e.g. Feb 29 in an assumed year that has none: keep the line, drop its time
        }
    }

    /** Whether the token {@code from..to} names the program: {@code prog[digits]}, {@code [sshd]} or {@code sshd:}. */
    private static boolean isProgramToken(String text, int from, int to) {
        if (to <= from) {
            return false;
        }
        boolean colon = text.charAt(to - 1) == ':';
        int coreEnd = colon ? to - 1 : to;
        boolean closed = coreEnd > from && text.charAt(coreEnd - 1) == ']';
        if (!colon && !closed) {
            return false; // every form below ends in ':' or ']': the host token is rejected without a scan
        }
        int open = indexOf(text, '[', from, coreEnd);
        if (open > from && closed) {
            return allDigits(text, open + 1, coreEnd - 1) && coreEnd - open > 2;
        }
        if (open == from && closed && coreEnd - from > 2) {
            return Programs.isSsh(text, from + 1, coreEnd - 1);
        }
        return colon && Programs.isSsh(text, baseNameStart(text, from, coreEnd), coreEnd);
    }

    /** Where the name in {@code from..to} starts once a path ({@code /usr/sbin/}) is dropped. */
    private static int baseNameStart(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == '/') {
                return i + 1;
            }
        }
        return from;
    }

    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int parsePid(String text, int from, int to) {
        if (to - from < 1 || to - from > 9) {
            return -1;
        }
        int pid = 0;
        for (int i = from; i < to; i++) { // checked and added up in one pass, without parseInt's per-character lookups
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static int fraction(String text, int from, int to) {
        int nanos = 0;
        for (int i = from; i < from + 9; i++) {
            nanos = nanos * 10 + (i < to ? text.charAt(i) - '0' : 0);
        }
        return nanos;
    }

    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean allDigits(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allUpper(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String text, int i) {
        int space = text.indexOf(' ', i); // an intrinsic: faster than a loop over charAt
        return space < 0 ? Math.max(i, text.length()) : space;
    }
}
