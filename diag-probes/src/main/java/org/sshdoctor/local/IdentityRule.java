package org.sshdoctor.local;

import java.util.ArrayList;
import java.util.List;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Findings about the identity order for one host: the list itself, no identity at all, and configured
 * keys placed beyond the default MaxAuthTries, which a server disconnects before reaching when the
 * earlier keys are refused ("Too many authentication failures").
 */
final class IdentityRule {
    private IdentityRule() {}

    private static String tilde(String path, String home) {
        return path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
    }

    private static String whyNone(ResolvedConfig config, List<OfferedIdentity> identities, String list) {
        var pubkey = config.first("pubkeyauthentication");
        if (pubkey.isPresent() && (pubkey.get().value().equalsIgnoreCase("no") || pubkey.get().value().equalsIgnoreCase("false"))) {
            return "PubkeyAuthentication " + pubkey.get().value() + " at " + pubkey.get().origin().describe() + ".";
        }
        String files = config.identityFiles().stream().map(e -> e.value()).reduce((a, b) -> a + ", " + b).orElse("none");
        return (identities.isEmpty() ? "None of the identity files exists (" + files + ") and no agent key is available."
                : "Every identity is skipped:\n" + list);
    }

    static List<Finding> check(ResolvedConfig config, List<OfferedIdentity> identities) {
        List<Finding> out = new ArrayList<>();
        List<OfferedIdentity> offered = identities.stream().filter(i -> i.position() > 0).toList();
        String host = config.originalHost();
        StringBuilder list = new StringBuilder();
        for (OfferedIdentity id : identities) {
            list.append(list.length() == 0 ? "" : "\n")
                    .append(id.position() > 0 ? "#" + id.position() + " " : "skipped: ")
                    .append(id.describe())
                    .append(id.skipped().map(r -> " - " + r).orElse(""))
                    .append(id.origin().kind() == ConfigOrigin.Kind.DERIVED ? "" : "  [" + id.origin().describe() + "]");
        }
        if (offered.isEmpty()) {
            out.add(Finding.of(LocalFindings.IDENTITIES_NONE, Severity.WARNING)
                    .title("ssh has no key to offer to " + host)
                    .detail(whyNone(config, identities, list.toString()))
                    .evidence("identities", identities.size())
                    .clientMessage("Permission denied (publickey).")
                    .fix("ssh-keygen -t ed25519 && ssh-copy-id " + config.user() + "@" + host)
                    .build());
            return out;
        }
        out.add(Finding.of(LocalFindings.IDENTITIES_OFFERED, Severity.INFO)
                .title("ssh would offer " + offered.size() + " identit" + (offered.size() == 1 ? "y" : "ies") + " to " + host + ", in this order")
                .detail(list.toString())
                .evidence("IdentitiesOnly", config.identitiesOnly() ? "yes" : "no")
                .evidence("offered", offered.size())
                .inferred()
                .build());
        List<OfferedIdentity> late = offered.stream()
                .filter(i -> i.position() > AgentRule.DEFAULT_MAX_AUTH_TRIES && i.source() != OfferedIdentity.Source.AGENT)
                .toList();
        if (!late.isEmpty()) {
            OfferedIdentity first = late.get(0);
            String keyFile = first.file().map(Object::toString).orElse(first.label());
            out.add(Finding.of(LocalFindings.IDENTITIES_BEYOND_MAX_AUTH_TRIES, Severity.WARNING)
                    .title(first.label() + " is identity #" + first.position() + ": a server with MaxAuthTries "
                            + AgentRule.DEFAULT_MAX_AUTH_TRIES + " disconnects before trying it")
                    .detail("If the " + AgentRule.DEFAULT_MAX_AUTH_TRIES + " identities before it are refused, the server "
                            + "ends the connection, and " + late.size() + " configured identit" + (late.size() == 1 ? "y is" : "ies are")
                            + " never tried. The agent's keys come first; IdentitiesOnly yes keeps only the configured ones.")
                    .evidence("first unreachable", first.describe())
                    .evidence("offered", offered.size())
                    .clientMessage("Received disconnect from HOST port 22:2: Too many authentication failures")
                    .fix(first.origin().kind() == ConfigOrigin.Kind.FILE
                            ? "Add to the block of " + first.origin().describe() + " (where this IdentityFile is):\n    IdentitiesOnly yes"
                            : "Add before any 'Host *' block in ~/.ssh/config:\nHost " + host + "\n    IdentitiesOnly yes\n    IdentityFile "
                                    + tilde(keyFile, config.request().account().home().toString()))
                    .inferred()
                    .build());
        }
        return out;
    }
}
