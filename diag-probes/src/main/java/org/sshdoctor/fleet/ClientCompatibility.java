package org.sshdoctor.fleet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.sshdoctor.ssh.AlgorithmCatalog;
import org.sshdoctor.ssh.AlgorithmKind;
import org.sshdoctor.ssh.ClientAlgorithms;
import org.sshdoctor.ssh.ClientProfiles;
import org.sshdoctor.ssh.Negotiation;
import org.sshdoctor.ssh.ServerKexInit;

/**
 * How each built-in client release (the profiles of {@code client-profiles.tsv}: OpenSSH 7.4, 8.8, 9.2,
 * 10.2) fares against one server, predicted from the server's KEXINIT: connects with modern algorithms,
 * connects only through a legacy one (ssh-rsa SHA-1 signatures, SHA-1 key exchange, CBC…), fails unless
 * the user re-enables a legacy algorithm with {@code -o Option=+name}, or cannot connect at all.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientCompatibility {

    /** How one client release fares. */
    public enum Verdict {
        /** Connects by default with no legacy algorithm. */
        MODERN,
        /** Connects by default, but only through legacy algorithms the release still offers. */
        LEGACY,
        /** Fails by default; connects once the user re-enables a legacy algorithm. */
        NEEDS_OPTION,
        /** Cannot connect, whatever the user enables. */
        FAILS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param profile the client release, e.g. {@code openssh-8.8}
     * @param verdict how it fares
     * @param legacy the legacy algorithms it would use (LEGACY) or must enable (NEEDS_OPTION)
     * @param options for NEEDS_OPTION: the {@code -o} options that make it connect, e.g.
     *     {@code HostKeyAlgorithms=+ssh-rsa}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Client(String profile, Verdict verdict, List<String> legacy, List<String> options) {
        public Client {
            legacy = List.copyOf(legacy);
            options = List.copyOf(options);
        }
    }

    private ClientCompatibility() {}

    /** Every built-in release against {@code server}, oldest first. */
    public static List<Client> of(ServerKexInit server) {
        ClientProfiles profiles = ClientProfiles.builtIn();
        List<Client> clients = new ArrayList<>();
        for (String name : profiles.names()) {
            clients.add(judge(name, profiles.profile(name, List.of()).orElseThrow(), server));
        }
        return List.copyOf(clients);
    }

    /** True when some release needs a legacy algorithm to reach the server (LEGACY or NEEDS_OPTION). */
    public static boolean needsLegacy(List<Client> clients) {
        return clients.stream().anyMatch(c -> c.verdict() == Verdict.LEGACY || c.verdict() == Verdict.NEEDS_OPTION);
    }

    static Client judge(String name, ClientAlgorithms client, ServerKexInit server) {
        Negotiation byDefault = Negotiation.predict(client, server);
        if (byDefault.succeeds()) {
            List<String> weak = weakChosen(byDefault);
            return new Client(name, weak.isEmpty() ? Verdict.MODERN : Verdict.LEGACY, weak, List.of());
        }
        Negotiation widened = Negotiation.predict(widened(client), server);
        if (!widened.succeeds()) {
            return new Client(name, Verdict.FAILS, List.of(), List.of());
        }
        Set<String> options = new LinkedHashSet<>();
        List<String> enabled = new ArrayList<>();
        for (Negotiation.Outcome outcome : widened.outcomes()) {
            Optional<String> chosen = outcome.chosen();
            AlgorithmKind kind = outcome.list().kind();
            if (chosen.isPresent() && !client.preferred(kind).contains(chosen.get())) {
                if (!enabled.contains(chosen.get())) {
                    enabled.add(chosen.get());
                }
                options.add(kind.option() + "=+" + chosen.get());
            }
        }
        return new Client(name, Verdict.NEEDS_OPTION, enabled, List.copyOf(options));
    }

    /** The release's defaults followed by what it can still enable, in a stable order. */
    private static ClientAlgorithms widened(ClientAlgorithms client) {
        Map<AlgorithmKind, List<String>> lists = new EnumMap<>(AlgorithmKind.class);
        for (AlgorithmKind kind : AlgorithmKind.values()) {
            List<String> list = new ArrayList<>(client.preferred(kind));
            new TreeSet<>(client.supported().get(kind)).stream().filter(a -> !list.contains(a)).forEach(list::add);
            lists.put(kind, list);
        }
        return new ClientAlgorithms(client.name(), client.source(), lists, client.supported(), List.of(), Optional.empty());
    }

    private static List<String> weakChosen(Negotiation negotiation) {
        List<String> weak = new ArrayList<>();
        for (Negotiation.Outcome outcome : negotiation.outcomes()) {
            outcome.chosen().filter(name -> AlgorithmCatalog.builtIn().note(outcome.list().kind(), name)
                    .filter(AlgorithmCatalog.Note::weak).isPresent())
                    .filter(name -> !weak.contains(name)).ifPresent(weak::add);
        }
        return weak;
    }

    /** {@code openssh-8.8} → {@code OpenSSH 8.8}. */
    static String release(String profile) {
        return profile.startsWith("openssh-") ? "OpenSSH " + profile.substring("openssh-".length()) : profile;
    }
}
