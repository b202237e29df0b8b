package org.sshdoctor.local;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigEntry;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.config.ResolvedConfig;
import org.sshdoctor.local.OfferedIdentity.Source;

/**
 * The identities ssh 9.2 offers, in its order ({@code ssh.c:load_public_identity_files},
 * {@code sshconnect2.c:pubkey_prepare}): CertificateFile certificates; agent keys that are also
 * configured files (in agent order); other agent keys unless IdentitiesOnly; remaining files with
 * their {@code -cert.pub} right after them; then everything PubkeyAcceptedAlgorithms disallows is
 * dropped. A pure function of the resolved configuration, the agent's list and the files.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IdentityOrder {
    private IdentityOrder() {}

    /**
     * The order for a real connection: lists the agent ssh would use (IdentityAgent / SSH_AUTH_SOCK; an
     * unreachable agent counts as empty, as in ssh) and reads the files from disk.
     */
    public static List<OfferedIdentity> forConnection(ResolvedConfig config, java.util.Map<String, String> environment,
            java.time.Duration agentTimeout) {
        AgentSocket socket = AgentSocket.of(config, environment);
        List<AgentIdentity> agent = List.of();
        if (socket.path().isPresent()) {
            try {
                agent = AgentClient.listIdentities(socket.path().get(), agentTimeout);
            } catch (java.io.IOException e) {
                agent = List.of();
            }
        }
        return compute(config, agent, IdentitySource.DISK);
    }

    /** Offered identities first (numbered), then the skipped ones (position 0) with the reason. */
    public static List<OfferedIdentity> compute(ResolvedConfig config, List<AgentIdentity> agent, IdentitySource files) {
        if (config.first("pubkeyauthentication").map(e -> e.value().equalsIgnoreCase("no") || e.value().equalsIgnoreCase("false")).orElse(false)) {
            return List.of();
        }
        List<OfferedIdentity> skipped = new ArrayList<>();
        List<OfferedIdentity> fileIds = new ArrayList<>();
        boolean explicitCertificates = !config.certificateFiles().isEmpty();
        for (ConfigEntry entry : config.identityFiles()) {
            if (entry.value().equalsIgnoreCase("none")) {
                continue;
            }
            Optional<Path> path = expand(config, entry, skipped);
            if (path.isEmpty()) {
                continue;
            }
            Optional<PublicKey> key = files.loadPublic(path.get());
            OfferedIdentity id = new OfferedIdentity(0, Source.FILE, path.get().toString(), key, path, entry.origin(), Optional.empty());
            if (key.isEmpty() && !files.exists(path.get())) {
                if (entry.origin().kind() != ConfigOrigin.Kind.DEFAULT) {
                    skipped.add(id.skippedBecause("no such identity: " + path.get() + ": No such file or directory"));
                }
                continue;
            }
            fileIds.add(id);
            if (!explicitCertificates) {
                Optional<PublicKey> cert = files.loadPublic(Path.of(path.get() + "-cert"));
                if (cert.isPresent() && cert.get() instanceof OpenSshCertificate) {
                    fileIds.add(new OfferedIdentity(0, Source.FILE_CERTIFICATE, path.get() + "-cert.pub", cert, path,
                            entry.origin(), Optional.empty()));
                }
            }
        }
        List<OfferedIdentity> preferred = new ArrayList<>();
        for (ConfigEntry entry : config.certificateFiles()) {
            Optional<Path> path = expand(config, entry, skipped);
            if (path.isEmpty()) {
                continue;
            }
            Optional<PublicKey> key = files.loadPublic(path.get());
            OfferedIdentity id = new OfferedIdentity(0, Source.CERTIFICATE_FILE, path.get().toString(), key, path,
                    entry.origin(), Optional.empty());
            if (key.isEmpty() || !(key.get() instanceof OpenSshCertificate cert)) {
                skipped.add(id.skippedBecause(key.isEmpty() ? "certificate file missing or unreadable" : "not a certificate"));
            } else if (cert.getType() != OpenSshCertificate.Type.USER) {
                skipped.add(id.skippedBecause("ignoring certificate " + path.get() + ": not a user certificate"));
            } else {
                preferred.add(id);
            }
        }
        List<OfferedIdentity> agentOnly = new ArrayList<>();
        for (AgentIdentity a : agent) {
            OfferedIdentity id = new OfferedIdentity(0, Source.AGENT, a.comment(), Optional.of(a.key()), Optional.empty(),
                    ConfigOrigin.derived("ssh-agent"), Optional.empty());
            if (AcceptedAlgorithms.rsaTooSmall(a.key(), 1024)) {
                skipped.add(id.skippedBecause("RSA key shorter than RequiredRSASize 1024"));
                continue;
            }
            Optional<OfferedIdentity> match = fileIds.stream()
                    .filter(f -> f.key().isPresent() && PublicKeys.same(f.key().get(), a.key())).findFirst();
            if (match.isPresent()) {
                fileIds.remove(match.get());
                preferred.add(match.get().as(Source.AGENT_AND_FILE));
            } else if (config.identitiesOnly()) {
                skipped.add(id.skippedBecause("IdentitiesOnly yes: agent key not configured as an IdentityFile"));
            } else {
                agentOnly.add(id);
            }
        }
        preferred.addAll(agentOnly);
        preferred.addAll(fileIds);
        AcceptedAlgorithms accepted = AcceptedAlgorithms.of(config.first("pubkeyacceptedalgorithms").map(ConfigEntry::value).orElse(""));
        List<OfferedIdentity> out = new ArrayList<>();
        for (OfferedIdentity id : preferred) {
            if (id.key().isPresent() && !accepted.allows(id.key().get())) {
                skipped.add(id.skippedBecause("Skipping " + PublicKeys.type(id.key().get())
                        + " key - corresponding algorithm not in PubkeyAcceptedAlgorithms"));
            } else {
                out.add(id.at(out.size() + 1));
            }
        }
        out.addAll(skipped);
        return out;
    }

    private static Optional<Path> expand(ResolvedConfig config, ConfigEntry entry, List<OfferedIdentity> skipped) {
        try {
            return Optional.of(Path.of(config.expandPath(entry.value())));
        } catch (IllegalArgumentException e) {
            skipped.add(new OfferedIdentity(0, Source.FILE, entry.value(), Optional.empty(), Optional.empty(), entry.origin(),
                    Optional.of(e.getMessage())));
            return Optional.empty();
        }
    }
}
