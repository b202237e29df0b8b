package org.sshdoctor.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The algorithm negotiation of RFC 4253 §7.1 as an OpenSSH client runs it, predicted from the client's
 * proposal and the server's captured KEXINIT: for each list, the first algorithm of the client's list
 * that the server also offers; pseudo-algorithms never match; the MAC is not negotiated when the chosen
 * cipher is an AEAD cipher; only the first 40 names of a server list count, as in OpenSSH's match.c.
 * Unlike ssh, which stops at the first failing list, every list is evaluated.
 *
 * @param outcomes one per {@link KexList}, in the order ssh checks them
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Negotiation(List<Outcome> outcomes) {
    /** OpenSSH's match.c MAX_PROP: how many names of the server's list it compares. */
    static final int OPENSSH_MAX_PROPOSALS = 40;
    /** Ciphers that authenticate on their own (cipher_authlen() &gt; 0 in OpenSSH). */
    static final Set<String> AEAD = Set.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com");

    /**
     * The result for one list.
     *
     * @param list which list
     * @param chosen the algorithm both would use; empty when none is common or when not negotiated
     * @param notNegotiated true for a MAC list whose direction uses an AEAD cipher
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Outcome(KexList list, Optional<String> chosen, boolean notNegotiated) {
        public boolean failed() {
            return chosen.isEmpty() && !notNegotiated;
        }
    }

    public Negotiation {
        outcomes = List.copyOf(outcomes);
    }

    /** Predicts the negotiation between {@code client} and {@code server}. */
    public static Negotiation predict(ClientAlgorithms client, ServerKexInit server) {
        return predict(client, server, client.preferred(AlgorithmKind.HOST_KEY));
    }

    /** As {@link #predict(ClientAlgorithms, ServerKexInit)} with the host key list given (ssh reorders it). */
    static Negotiation predict(ClientAlgorithms client, ServerKexInit server, List<String> hostKeyPreference) {
        List<Outcome> outcomes = new ArrayList<>();
        Optional<String> cipherS2c = Optional.empty();
        Optional<String> cipherC2s = Optional.empty();
        for (KexList list : KexList.values()) {
            List<String> wanted = list == KexList.HOST_KEY ? hostKeyPreference : client.preferred(list.kind());
            Optional<String> chosen = firstCommon(wanted, server.algorithms(list));
            boolean aead = (list == KexList.MAC_S2C && cipherS2c.filter(AEAD::contains).isPresent())
                    || (list == KexList.MAC_C2S && cipherC2s.filter(AEAD::contains).isPresent());
            if (list == KexList.CIPHER_S2C) {
                cipherS2c = chosen;
            } else if (list == KexList.CIPHER_C2S) {
                cipherC2s = chosen;
            }
            outcomes.add(aead ? new Outcome(list, Optional.empty(), true) : new Outcome(list, chosen, false));
        }
        return new Negotiation(outcomes);
    }

    static Optional<String> firstCommon(List<String> client, List<String> server) {
        List<String> read = asOpenSshReads(server);
        return client.stream().filter(read::contains).findFirst();
    }

    /**
     * The part of a server's list OpenSSH's match_list() looks at: at most the first
     * {@value #OPENSSH_MAX_PROPOSALS} names (MAX_PROP in match.c), and none after an empty one. A server
     * offering 41 or more names (or a hostile one padding its list) loses the rest, whatever they are.
     */
    static List<String> asOpenSshReads(List<String> server) {
        int end = Math.min(server.size(), OPENSSH_MAX_PROPOSALS);
        int empty = server.subList(0, end).indexOf("");
        return server.subList(0, empty < 0 ? end : empty);
    }

    public Outcome outcome(KexList list) {
        return outcomes.stream().filter(o -> o.list() == list).findFirst().orElseThrow();
    }

    /** True when every list that is negotiated found a common algorithm. */
    public boolean succeeds() {
        return outcomes.stream().noneMatch(Outcome::failed);
    }

    /** The failing lists, in the order ssh checks them; ssh reports only the first. */
    public List<Outcome> failures() {
        return outcomes.stream().filter(Outcome::failed).toList();
    }
}
