package org.sshdoctor.logs;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apiguardian.api.API;

/**
 * Reads log lines from bytes, whatever the bytes are: invalid UTF-8 becomes U+FFFD, NUL and control
 * bytes pass through (renderers escape them), {@code \r\n} and {@code \n} both end lines, and a line
 * longer than {@value #MAX_LINE} bytes is cut there (the rest of it is skipped), so one runaway line
 * cannot exhaust memory. Gzip input is recognised by its magic bytes, not its name.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogReader implements Closeable {
    /** Longest line kept, in bytes; sshd's own lines are far shorter. */
    public static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean overlong;
    private long truncated;

    public LogReader(InputStream in) {
        this.in = in;
    }

    /** Opens a file, decompressing it when it is gzip (rotated {@code auth.log.2.gz}). */
    public static LogReader open(Path file) throws IOException {
        return new LogReader(decompressIfGzip(Files.newInputStream(file)));
    }

    /** Wraps a stream so gzip data is decompressed; other data passes unchanged. */
    public static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 65_536);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 65_536) : in;
    }

    /**
     * The next line without its terminator, or null at the end of the input. With {@code final} false
     * (following a growing file), a last line without newline is kept back until its newline arrives.
     */
    public String readLine(boolean atFinalEnd) throws IOException {
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    if (lineLength > 0 && atFinalEnd) {
                        return take();
                    }
                    return null;
                }
                position = 0;
                limit = n;
            }
            int start = position;
            int newline = indexOfNewline(buffer, start, limit);
            if (newline < 0) {
                append(start, limit);
                position = limit;
                continue;
            }
            position = newline + 1;
            if (lineLength == 0 && !overlong) { // fast path: the whole line is in the buffer
                int end = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                if (end - start <= MAX_LINE) {
                    return new String(buffer, start, end - start, StandardCharsets.UTF_8);
                }
            }
            append(start, newline);
            return take();
        }
    }

    /**
     * The first {@code \n} in {@code bytes[from..to)}, or -1. Eight bytes at a time (a byte loop spent a
     * tenth of the pipeline's time here): in {@code x = word ^ 0x0a0a...}, a newline byte is a zero byte, and
     * {@code (x - 0x0101...) & ~x & 0x8080...} sets the top bit of the lowest zero byte (higher bytes may
     * show false hits after a real one, never before it).
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ 0x0a0a0a0a0a0a0a0aL;
            long hit = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Same as {@code readLine(true)}. */
    public String readLine() throws IOException {
        return readLine(true);
    }

    /** How many lines were cut at {@link #MAX_LINE}. */
    public long truncatedLines() {
        return truncated;
    }

    private void append(int from, int to) {
        int room = MAX_LINE - lineLength;
        int count = to - from;
        if (count > room) {
            overlong = true;
            count = Math.max(room, 0);
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private String take() {
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        if (overlong) {
            truncated++;
        }
        lineLength = 0;
        overlong = false;
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
