package org.sshdoctor.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A second look when the server closed or reset the banner connection at once: sshd refuses connections
 * past MaxStartups (writing "Exceeded MaxStartups") and from addresses PerSourcePenalties penalises
 * ("Not allowed at this time"), and a retry a moment later often gets through. A server that refuses
 * every time (TCP wrappers, a dead backend) is still reported as closed; one that lets a retry through is
 * throttling, not broken.
 */
final class BannerRetry {
    /** Retries after a refusal, with 150 and 300 ms pauses: as long as a user would wait to press Enter again. */
    static final int RETRIES = 2;
    private static final long PAUSE_MILLIS = 150;
    /** What sshd writes to a connection it drops for load (MaxStartups) or for penalties (OpenSSH 9.8+). */
    private static final List<String> THROTTLE_TEXTS = List.of("exceeded maxstartups", "not allowed at this time");

    /**
     * The outcome of the retries.
     *
     * @param refused how many retries were refused as well
     * @param identified the first retry that got an identification line
     */
    record Attempts(int refused, Optional<Greeted> identified) {}

    /** A retry the server greeted: its connection, open, to go on with, and what was read on it. */
    record Greeted(Socket socket, BannerReader.Result result) {}

    private BannerRetry() {}

    /** Closed or reset with at most one line of text and no identification: what a refusal looks like. */
    static boolean refusedAtOnce(BannerExchange exchange) {
        return (exchange instanceof BannerExchange.Closed || exchange instanceof BannerExchange.Failed)
                && exchange.bytes() <= 256 && exchange.preBannerLines().size() <= 1;
    }

    /** True when the server said, in words, that it drops the connection for load or penalties. */
    static boolean saysThrottled(BannerExchange exchange) {
        return exchange.preBannerLines().stream().map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(line -> THROTTLE_TEXTS.stream().anyMatch(line::contains));
    }

    /** Retries the banner exchange on fresh connections until one is greeted, or the retries or time run out. */
    static Attempts retry(InetSocketAddress address, Instant deadline) {
        for (int attempt = 1; attempt <= RETRIES; attempt++) {
            if (!pause(attempt) || Duration.between(Instant.now(), deadline).toMillis() < 100) {
                return new Attempts(attempt - 1, Optional.empty());
            }
            Optional<Greeted> result = once(address, deadline);
            if (result.isPresent()) {
                return new Attempts(attempt - 1, result);
            }
        }
        return new Attempts(RETRIES, Optional.empty());
    }

    /** One attempt; the connection stays open only when the server greeted it (the caller closes it). */
    private static Optional<Greeted> once(InetSocketAddress address, Instant deadline) {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            socket.getOutputStream().write((BannerProbe.CLIENT_IDENTIFICATION + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BannerReader.Result result = new BannerReader(socket, deadline).read();
            if (result.exchange() instanceof BannerExchange.Identified) {
                return Optional.of(new Greeted(socket, result));
            }
        } catch (IOException | RuntimeException e) {
            // refused again
        }
        closeQuietly(socket);
        return Optional.empty();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a refused connection
        }
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(PAUSE_MILLIS * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
