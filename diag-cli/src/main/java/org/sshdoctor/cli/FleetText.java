package org.sshdoctor.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.sshdoctor.fleet.FleetFindings;
import org.sshdoctor.fleet.FleetSummary;
import org.sshdoctor.render.TerminalText;

/** The fleet views of {@code sshdoctor scan} as text, after the per-host table; nothing when all are empty. */
final class FleetText {
    /** Hosts listed per shared key before "and N more" (the JSON lists all). */
    private static final int SHOWN = 8;

    private FleetText() {}

    static String views(FleetSummary summary) {
        StringBuilder out = new StringBuilder();
        List<FleetSummary.SharedKey> shared = summary.sharedHostKeys();
        if (!shared.isEmpty()) {
            out.append("\nSame host key on several servers (cloned images?) [").append(FleetFindings.SHARED_HOSTKEY).append("]:\n");
            for (FleetSummary.SharedKey key : shared) {
                out.append("  ").append(key.hosts().size()).append(" servers: ").append(TerminalText.line(hosts(key.hosts())))
                        .append('\n');
                key.keys().forEach(k -> out.append("    ").append(k.keyType()).append(' ').append(k.fingerprint()).append('\n'));
            }
        }
        List<FleetSummary.ChangedKey> changed = summary.changedHostKeys();
        if (!changed.isEmpty()) {
            out.append("\nHost keys changed against known_hosts: ").append(changed.size()).append(" host(s) [")
                    .append(FleetFindings.HOSTKEYS_CHANGED).append("]:\n");
            for (FleetSummary.ChangedKey key : changed) {
                out.append("  ").append(TerminalText.line(key.host())).append("  ")
                        .append(TerminalText.line(key.knownHosts())).append(" has ").append(key.oldFingerprint())
                        .append(", the server now presents ").append(key.newFingerprint()).append('\n');
            }
        }
        List<FleetSummary.LegacyServer> legacy = summary.legacyServers();
        if (!legacy.isEmpty()) {
            out.append("\nServers that need legacy algorithms for some clients: ").append(legacy.size()).append(" [")
                    .append(FleetFindings.LEGACY_NEEDED).append("]:\n");
            for (FleetSummary.LegacyServer server : legacy) {
                out.append("  ").append(TerminalText.line(server.host())).append("  ").append(server.summary()).append('\n');
            }
        }
        if (out.length() > 0) {
            out.append("\n'sshdoctor kb ID' explains each view and how to fix it.\n");
        }
        return out.toString();
    }

    private static String hosts(List<String> hosts) {
        String shown = hosts.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return hosts.size() > SHOWN ? shown + " and " + (hosts.size() - SHOWN) + " more" : shown;
    }
}
