package org.sshdoctor.ssh;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The algorithm lists of the server's KEXINIT, exactly as sent (pseudo-algorithms such as
 * {@code ext-info-s} and {@code kex-strict-s-v00@openssh.com} included), captured before any
 * negotiation, so they are known even when the handshake then fails.
 *
 * @param lists every list of {@link KexList}; a list the server sent empty is an empty list
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServerKexInit(Map<KexList, List<String>> lists) {
    /** Names in a KEX list that are signals, not algorithms; OpenSSH never negotiates them. */
    private static final Set<String> PSEUDO_PREFIXES = Set.of("ext-info-", "kex-strict-", "kexguess2@");

    public ServerKexInit {
        Map<KexList, List<String>> copy = new EnumMap<>(KexList.class);
        for (KexList list : KexList.values()) {
            copy.put(list, List.copyOf(lists.getOrDefault(list, List.of())));
        }
        lists = Map.copyOf(copy);
    }

    /** The server's list, as sent. */
    public List<String> offer(KexList list) {
        return lists.get(list);
    }

    /** The server's list without pseudo-algorithms. */
    public List<String> algorithms(KexList list) {
        return offer(list).stream().filter(name -> !isPseudo(name)).toList();
    }

    /** True when the server announces strict key exchange (the Terrapin countermeasure). */
    public boolean strictKex() {
        return offer(KexList.KEX).contains("kex-strict-s-v00@openssh.com");
    }

    /** True for {@code ext-info-c}, {@code kex-strict-s-v00@openssh.com} and the like. */
    public static boolean isPseudo(String name) {
        return PSEUDO_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Splits an SSH name-list; an empty string is an empty list. */
    static List<String> split(String nameList) {
        return nameList == null || nameList.isEmpty() ? List.of() : Arrays.asList(nameList.split(","));
    }
}
