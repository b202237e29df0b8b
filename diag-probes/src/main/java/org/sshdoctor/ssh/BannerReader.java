package org.sshdoctor.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the server's identification line as OpenSSH's client does, but tolerant and bounded: it
 * never throws for what the peer sends, stops at the deadline, keeps at most a bounded amount of
 * text, and notices early when the peer speaks another protocol.
 */
final class BannerReader {
    /** OpenSSH's SSH_MAX_BANNER_LEN. */
    static final int MAX_LINE = 8192;
    /** OpenSSH's SSH_MAX_PRE_BANNER_LINES. */
    static final int MAX_LINES = 1024;
    /** Pre-banner lines kept for the report; the rest are only counted. */
    private static final int KEPT_LINES = 20;
    /** After another protocol is recognised, wait this long to see whether the peer closes. */
    private static final long FOREIGN_GRACE_MILLIS = 1000;

    private final Socket socket;
    private final Instant deadline;

    BannerReader(Socket socket, Instant deadline) {
        this.socket = socket;
        this.deadline = deadline;
    }

    /**
     * What the reader saw, and the protocol it recognised if it was not SSH. When the server identified,
     * {@code identificationBytes} is its line exactly as received (CR LF included) and {@code pending}
     * what arrived after it in the same read (the start of its KEXINIT, typically): whoever goes on with
     * the connection needs both. Both are empty otherwise.
     */
    record Result(BannerExchange exchange, Optional<String> foreignProtocol, byte[] firstBytes,
            byte[] identificationBytes, byte[] pending) {
        Result(BannerExchange exchange, Optional<String> foreignProtocol, byte[] firstBytes) {
            this(exchange, foreignProtocol, firstBytes, new byte[0], new byte[0]);
        }
    }

    Result read() {
        long start = System.nanoTime();
        List<String> kept = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream(); // the current line as received, CR included
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        long bytes = 0;
        int lines = 0;
        boolean expectNewline = false;
        Optional<String> foreign = Optional.empty();
        long foreignSince = 0;
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                long left = deadline.toEpochMilli() - System.currentTimeMillis();
                if (foreign.isPresent()) {
                    left = Math.min(left, FOREIGN_GRACE_MILLIS - millisSince(foreignSince));
                }
                if (left <= 0) {
                    return timedOut(line, kept, bytes, start, foreign, first);
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return timedOut(line, kept, bytes, start, foreign, first);
                }
                if (n < 0) {
                    return new Result(new BannerExchange.Closed(kept, bytes, millisSince(start)), foreign, first.toByteArray());
                }
                for (int i = 0; i < n; i++) {
                    byte c = buffer[i];
                    bytes++;
                    if (first.size() < 64) {
                        first.write(c);
                        if (foreign.isEmpty()) {
                            foreign = ProtocolSniffer.recognise(first.toByteArray());
                            if (foreign.isPresent()) {
                                foreignSince = System.nanoTime();
                            }
                        }
                    }
                    raw.write(c);
                    if (c == '\r') {
                        expectNewline = true;
                        continue;
                    }
                    if (c == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        expectNewline = false;
                        if (text.startsWith("SSH-")) {
                            return new Result(new BannerExchange.Identified(text, kept, bytes, millisSince(start)),
                                    foreign, first.toByteArray(), raw.toByteArray(),
                                    java.util.Arrays.copyOfRange(buffer, i + 1, n));
                        }
                        raw.reset();
                        lines++;
                        if (kept.size() < KEPT_LINES) {
                            kept.add(text);
                        }
                        if (lines >= MAX_LINES) {
                            return rejected("No SSH version received in first " + MAX_LINES + " lines from server",
                                    text, kept, bytes, start, foreign, first);
                        }
                        continue;
                    }
                    if (c == 0 || expectNewline) {
                        line.write(c);
                        return rejected("banner line contains invalid characters",
                                line.toString(StandardCharsets.UTF_8), kept, bytes, start, foreign, first);
                    }
                    line.write(c);
                    if (line.size() > MAX_LINE) {
                        return rejected("banner line too long", line.toString(StandardCharsets.UTF_8).substring(0, 200),
                                kept, bytes, start, foreign, first);
                    }
                }
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(new BannerExchange.Failed(message, kept, bytes, millisSince(start)), foreign,
                    first.toByteArray());
        }
    }

    private static Result timedOut(ByteArrayOutputStream line, List<String> kept, long bytes, long start,
            Optional<String> foreign, ByteArrayOutputStream first) {
        String partial = line.toString(StandardCharsets.UTF_8);
        return new Result(new BannerExchange.TimedOut(partial.length() > 200 ? partial.substring(0, 200) : partial,
                kept, bytes, millisSince(start)), foreign, first.toByteArray());
    }

    private static Result rejected(String error, String offending, List<String> kept, long bytes, long start,
            Optional<String> foreign, ByteArrayOutputStream first) {
        return new Result(new BannerExchange.Rejected(error, offending, kept, bytes, millisSince(start)), foreign,
                first.toByteArray());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
