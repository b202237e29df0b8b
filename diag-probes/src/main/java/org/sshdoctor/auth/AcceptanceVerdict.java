package org.sshdoctor.auth;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.PublicKeys;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Puts the server's answers next to the client's order: which key works, and whether ssh reaches it
 * before the server's MaxAuthTries (default 6) ends the connection. A pure function.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AcceptanceVerdict {
    /** OpenSSH's default MaxAuthTries; the real value is not visible from outside. */
    public static final int DEFAULT_MAX_AUTH_TRIES = 6;

    private AcceptanceVerdict() {}

    /**
     * @param order the identities ssh offers, as {@link org.sshdoctor.local.IdentityOrder} computes them
     * @param result the server's answers for the keys of {@code order}
     */
    public static Finding verdict(List<OfferedIdentity> order, PublicKeyQuery.Result result, String user, String host, int port) {
        return verdict(order, result, user, host, port, host, "~/.ssh/config");
    }

    /**
     * @param hostPattern the name to put on the fix's {@code Host} line: the alias the user typed
     * @param configFile the file the fix goes into (the {@code -F} file, else ~/.ssh/config)
     */
    public static Finding verdict(List<OfferedIdentity> order, PublicKeyQuery.Result result, String user, String host, int port,
            String hostPattern, String configFile) {
        List<OfferedIdentity> offered = order.stream().filter(i -> i.position() > 0).toList();
        if (result.acceptsAnyKey()) {
            return Finding.of(AuthFindings.PUBKEY_ANY_KEY_ACCEPTED, Severity.WARNING)
                    .title("The server says it accepts any key, so its answers prove nothing")
                    .detail("It answered PK_OK for a random key made a moment ago. tinysshd does this: it checks the key only "
                            + "when the client signs. Whether your key is authorized shows only in a real login.")
                    .evidence("keys asked", result.answers().size())
                    .fix("ssh -v " + user + "@" + host + " and read the last lines; on the server, check ~" + user
                            + "/.ssh/authorized_keys")
                    .build();
        }
        if (result.answers().isEmpty() || result.answers().stream().allMatch(a -> a.answer() == KeyAnswer.Answer.NOT_ASKED)) {
            return Finding.of(AuthFindings.PUBKEY_NOT_ASKED, Severity.INFO)
                    .title("The server was not asked about keys" + result.problem().map(p -> ": " + p).orElse(""))
                    .detail(offered.isEmpty() ? "ssh has no key to offer." : "No answer came for any key.")
                    .build();
        }
        Optional<OfferedIdentity> accepted = offered.stream().filter(i -> i.key().map(k -> isAccepted(k, result)).orElse(false)).findFirst();
        StringBuilder answers = new StringBuilder();
        for (OfferedIdentity id : offered) {
            String answer = id.key().map(k -> answerFor(k, result)).orElse("not asked (public half unknown)");
            answers.append(answers.length() == 0 ? "" : "\n").append('#').append(id.position()).append(' ')
                    .append(id.describe()).append(": ").append(answer);
        }
        order.stream().filter(i -> i.position() == 0).forEach(i -> answers.append("\nnot offered: ").append(i.describe())
                .append(i.skipped().map(why -> ": " + why).orElse("")));
        String target = user + "@" + host;
        if (accepted.isEmpty()) {
            return Finding.of(AuthFindings.PUBKEY_NONE_ACCEPTED, Severity.ERROR)
                    .title("The server accepts none of the " + offered.size() + " keys ssh would offer for " + target)
                    .detail(answers.toString())
                    .evidence("connections", result.connections())
                    .clientMessage(target + ": Permission denied (publickey).")
                    .fix("Install your public key in ~" + user + "/.ssh/authorized_keys on the server, e.g. ssh-copy-id -i "
                            + "~/.ssh/id_ed25519.pub " + target + " (needs another way in), or have an admin add it.\n"
                            + "On the server, 'sshdoctor local --server' checks the file's permissions and AuthorizedKeysFile.")
                    .build();
        }
        OfferedIdentity good = accepted.get();
        int refusedBefore = good.position() - 1;
        OptionalInt observed = observedMaxAuthTries(result);
        int tolerated = refusalsWithoutDisconnect(result);
        int limit = observed.orElse(Math.max(DEFAULT_MAX_AUTH_TRIES, tolerated + 1));
        if (refusedBefore >= limit) {
            return Finding.of(AuthFindings.PUBKEY_TOO_MANY_FAILURES, Severity.ERROR)
                    .title("The server accepts key #" + good.position() + " (" + good.label() + "), but MaxAuthTries is exhausted by the "
                            + refusedBefore + " keys before it")
                    .detail("ssh offers the keys in this order; after " + limit + " refusals ("
                            + (observed.isPresent() ? "this server's MaxAuthTries: it disconnected at the " + limit + ordinal(limit)
                                    + " refused key" : "the default MaxAuthTries")
                            + ") the server disconnects before the working key.\n" + answers)
                    .evidence("accepted", good.describe())
                    .evidence("max auth tries", limit + (observed.isPresent() ? " (observed)" : limit == DEFAULT_MAX_AUTH_TRIES
                            ? " (default, not observed)" : " (at least: the server took " + tolerated + " refusals)"))
                    .clientMessage("Received disconnect from " + host + " port " + port + ":2: Too many authentication failures")
                    .fix(fixFor(good, hostPattern, configFile, hostPattern.equalsIgnoreCase(host)
                            ? (port == 22 ? "" : "-p " + port + " ") + user + "@" + host : hostPattern))
                    .build();
        }
        String reached = refusedBefore >= DEFAULT_MAX_AUTH_TRIES && observed.isEmpty()
                ? "\nssh reaches it although " + refusedBefore + " keys come first: the server took " + tolerated
                        + " refusals on one connection without disconnecting (its MaxAuthTries is above the default "
                        + DEFAULT_MAX_AUTH_TRIES + ")."
                : "";
        return Finding.of(AuthFindings.PUBKEY_ACCEPTED, Severity.OK)
                .title("The server accepts key #" + good.position() + " (" + good.label() + ") for " + target)
                .detail(answers + reached)
                .evidence("accepted", good.describe())
                .build();
    }

    /**
     * The server's MaxAuthTries when a query connection was cut off: the refusals that connection got, the
     * last one answered by the disconnect.
     */
    static OptionalInt observedMaxAuthTries(PublicKeyQuery.Result result) {
        return result.answers().stream().filter(a -> a.answer() == KeyAnswer.Answer.REFUSED_AND_DISCONNECTED).findFirst()
                .map(cut -> OptionalInt.of((int) result.answers().stream().filter(a -> a.connection() == cut.connection()
                        && (a.answer() == KeyAnswer.Answer.REFUSED || a.answer() == KeyAnswer.Answer.REFUSED_AND_DISCONNECTED)).count()))
                .orElse(OptionalInt.empty());
    }

    /** The most refusals one connection took without being cut off: the server's MaxAuthTries is above it. */
    static int refusalsWithoutDisconnect(PublicKeyQuery.Result result) {
        java.util.Map<Integer, Integer> refusals = new java.util.HashMap<>();
        java.util.Set<Integer> cut = new java.util.HashSet<>();
        for (KeyAnswer a : result.answers()) {
            if (a.answer() == KeyAnswer.Answer.REFUSED) {
                refusals.merge(a.connection(), 1, Integer::sum);
            } else if (a.answer() == KeyAnswer.Answer.REFUSED_AND_DISCONNECTED) {
                cut.add(a.connection());
            }
        }
        return refusals.entrySet().stream().filter(e -> !cut.contains(e.getKey())).mapToInt(java.util.Map.Entry::getValue)
                .max().orElse(0);
    }

    private static String ordinal(int n) {
        return n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String fixFor(OfferedIdentity good, String host, String configFile, String destination) {
        if (good.file().isPresent()) {
            return "Add at the top of " + configFile + " (before any 'Host *' block; the first value wins):\n"
                    + "Host " + host + "\n    IdentitiesOnly yes\n    IdentityFile " + good.file().get()
                    + "\nssh then offers only that key (the agent still signs for it). For one run: ssh -o IdentitiesOnly=yes -i "
                    + good.file().get() + " " + destination;
        }
        String fp = good.key().map(PublicKeys::fingerprint).orElse("FINGERPRINT");
        return "The key lives only in the agent. Save its public half, then name it at the top of " + configFile + ":\n"
                + "ssh-add -L | ssh-keygen -lf - | grep -n '" + fp + "'   # find its line, then:\n"
                + "ssh-add -L | sed -n 'LINEp' > ~/.ssh/" + host + ".pub\n"
                + "Host " + host + "\n    IdentitiesOnly yes\n    IdentityFile ~/.ssh/" + host + ".pub";
    }

    private static boolean isAccepted(PublicKey key, PublicKeyQuery.Result result) {
        return result.answers().stream().anyMatch(a -> a.accepted() && PublicKeys.same(a.key(), key));
    }

    private static String answerFor(PublicKey key, PublicKeyQuery.Result result) {
        return result.answers().stream().filter(a -> PublicKeys.same(a.key(), key)).findFirst()
                .map(a -> switch (a.answer()) {
                    case ACCEPTED -> "ACCEPTED";
                    case REFUSED -> "refused";
                    case REFUSED_AND_DISCONNECTED -> "refused (the server then disconnected)";
                    case NOT_ASKED -> "not asked";
                }).orElse("not asked");
    }
}
