package org.sshdoctor.logs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.sshdoctor.model.AddressLiterals;

/**
 * Which events to analyse: a time window, an account, a client address or network (CIDR). Lines without
 * a time are left out when a window is set. Address patterns are literals; no name is ever resolved.
 *
 * @param since keep events at or after this time
 * @param until keep events before this time
 * @param user keep events naming this account
 * @param from keep events from this address, or from this network when written as CIDR ({@code 192.0.2.0/24})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LogFilter(Optional<LocalDateTime> since, Optional<LocalDateTime> until, Optional<String> user,
        Optional<String> from) {
    public LogFilter {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(from, "from");
        from.ifPresent(LogFilter::network);
    }

    /** Keeps everything. */
    public static LogFilter none() {
        return new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return since.isEmpty() && until.isEmpty() && user.isEmpty() && from.isEmpty();
    }

    public boolean test(LogEvent event) {
        return test(event, Optional.empty(), Optional.empty());
    }

    /**
     * Like {@link #test(LogEvent)}, with what earlier lines of the same process named standing in when
     * the line names no account or address ("Disconnecting: Too many authentication failures").
     */
    public boolean test(LogEvent event, Optional<String> processAddress, Optional<String> processUser) {
        if (since.isPresent() || until.isPresent()) {
            Optional<LocalDateTime> time = event.line().time();
            if (time.isEmpty() || since.map(s -> time.get().isBefore(s)).orElse(false)
                    || until.map(u -> !time.get().isBefore(u)).orElse(false)) {
                return false;
            }
        }
        if (user.isPresent() && !event.account().or(() -> processUser).equals(user)) {
            return false;
        }
        return from.isEmpty() || event.source().or(() -> processAddress).map(this::matchesFrom).orElse(false);
    }

    private boolean matchesFrom(String address) {
        String pattern = from.get();
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            return Addresses.normalise(pattern).equals(address);
        }
        if (!AddressLiterals.isLiteral(address)) {
            return false;
        }
        BigInteger[] net = network(pattern);
        BigInteger value = value(address);
        return value != null && value.bitLength() <= net[2].intValue() && value.shiftRight(net[2].intValue() - net[1].intValue())
                .equals(net[0].shiftRight(net[2].intValue() - net[1].intValue()));
    }

    /** [network value, prefix length, address bits]; throws IllegalArgumentException for a bad pattern. */
    private static BigInteger[] network(String pattern) {
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("--from needs an address");
            }
            return null;
        }
        String address = pattern.substring(0, slash);
        BigInteger value = AddressLiterals.isLiteral(address) ? value(address) : null;
        int bits = address.indexOf(':') >= 0 ? 128 : 32;
        int prefix;
        try {
            prefix = Integer.parseInt(pattern.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (value == null || prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("--from " + pattern + " is not an address or a network such as 192.0.2.0/24");
        }
        return new BigInteger[] {value, BigInteger.valueOf(prefix), BigInteger.valueOf(bits)};
    }

    private static BigInteger value(String literal) {
        try {
            return new BigInteger(1, InetAddress.getByName(literal.toLowerCase(Locale.ROOT)).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
