package org.sshdoctor.ssh;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.model.Finding;

/**
 * The banner probe's view of throttling: when the first connection was refused at once, the retries
 * (BannerRetry) decide. A retry that is greeted means throttling, reported as a warning, and the
 * diagnosis goes on with the retry's greeting; all refused with sshd's own words for it ("Exceeded
 * MaxStartups") means throttling too, as an error. All refused without words stays the banner probe's
 * "closed" or "reset" finding: nothing tells throttling from a permanent refusal.
 *
 * @param finding the throttling finding
 * @param retried the greeted retry's connection (open: the caller closes it) and read; empty when every
 *     retry was refused
 */
record ThrottledBanner(Finding finding, Optional<BannerRetry.Greeted> retried) {

    static Optional<ThrottledBanner> check(BannerReader.Result first, InetSocketAddress address, ProbeContext context) {
        BannerExchange exchange = first.exchange();
        if (!BannerRetry.refusedAtOnce(exchange)) {
            return Optional.empty();
        }
        BannerRetry.Attempts attempts = BannerRetry.retry(address, context.deadline());
        KexFailureVerdicts verdicts = new KexFailureVerdicts(context.target(), address);
        String how = describe(exchange);
        if (attempts.identified().isPresent()) {
            int refused = attempts.refused() + 1;
            return Optional.of(new ThrottledBanner(verdicts.throttled(refused, refused + 1, true, how), attempts.identified()));
        }
        if (BannerRetry.saysThrottled(exchange)) {
            int all = BannerRetry.RETRIES + 1;
            return Optional.of(new ThrottledBanner(verdicts.throttled(all, all, false, how), Optional.empty()));
        }
        return Optional.empty();
    }

    /** How the refusal looked, in the words ssh's message is chosen by (closed or reset), plus sshd's text. */
    private static String describe(BannerExchange exchange) {
        String text = exchange.preBannerLines().isEmpty() ? ""
                : ", after the line '" + exchange.preBannerLines().get(0) + "'";
        return exchange instanceof BannerExchange.Failed failed ? failed.error() + text : "the connection was closed" + text;
    }
}
