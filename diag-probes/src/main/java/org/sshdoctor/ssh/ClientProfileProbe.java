package org.sshdoctor.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.sshdoctor.config.ConfigFacts;
import org.sshdoctor.config.ConfigFindings;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.Probe;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.kb.Explainer;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;

/**
 * Learns what the user's client proposes: the local {@code ssh -G} when OpenSSH is installed (it applies
 * the user's ssh_config), else the newest built-in profile; {@code --client-profile} picks a profile
 * instead. Runs beside the network probes, since it needs none of them. Never fails: a profile is
 * always there to fall back to, and the summary says which source was used.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClientProfileProbe implements Probe {
    private final HandshakeOptions options;
    private final String path;

    /** Looks for ssh on the process's PATH. */
    public ClientProfileProbe(HandshakeOptions options) {
        this(options, Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
    }

    ClientProfileProbe(HandshakeOptions options, String path) {
        this.options = options;
        this.path = path;
    }

    @Override
    public String name() {
        return "client";
    }

    @Override
    public Set<Fact<?>> produces() {
        return Set.of(HandshakeFacts.CLIENT_ALGORITHMS);
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        ClientProfiles profiles = ClientProfiles.builtIn();
        String why;
        ClientAlgorithms client;
        Optional<String> refused = Optional.empty();
        if (options.clientProfile().isPresent()) {
            client = profiles.profile(options.clientProfile().get(), defaultKnownHosts()).orElseThrow();
            why = "as asked";
        } else {
            Optional<LocalSshClient> local = LocalSshClient.onPath(path);
            ClientAlgorithms resolved = null;
            String problem = "no ssh on PATH";
            if (local.isPresent()) {
                try {
                    resolved = local.get().resolve(context.target(), options.sshArguments(), context.deadline());
                } catch (LocalSshClient.Failed e) {
                    problem = e.getMessage();
                    refused = e.configError();
                } catch (java.io.IOException | RuntimeException e) {
                    problem = e.getMessage();
                }
            }
            if (resolved != null) {
                client = resolved;
                why = "the local client";
            } else {
                client = profiles.profile(profiles.newest(), defaultKnownHosts()).orElseThrow();
                why = "fallback: " + problem;
            }
        }
        if (!client.source().startsWith("ssh -G")) {
            // No ssh -G to apply it: the user's -o FingerprintHash still decides how fingerprints are shown.
            client = client.withMd5Fingerprints(md5Requested(options.sshArguments()));
        }
        if (options.knownHosts().isPresent()) {
            client = client.withKnownHostsFiles(options.knownHosts().get());
        }
        ProbeResult.Builder result = ProbeResult.builder().fact(HandshakeFacts.CLIENT_ALGORITHMS, client);
        // ssh checks option values (cipher, hash and yes/no names…) that sshdoctor's own ssh_config check
        // does not; when ssh stops on one, say so, unless that check already reported why ssh stops.
        if (refused.isPresent() && !context.awaitFact(ConfigFacts.STOP_REPORTED, context.deadline()).orElse(false)) {
            result.finding(sshRefuses(refused.get(), client, context.target().name()));
            return result.failed("ssh refuses the configuration; " + client.source() + " (" + why + ")");
        }
        return result.ok(client.source() + " (" + why + ")");
    }

    private static Finding sshRefuses(String sshWords, ClientAlgorithms fallback, String host) {
        return Finding.of(articleFor(sshWords), Severity.ERROR)
                .title("ssh refuses the configuration: " + sshWords.lines().findFirst().orElse(sshWords).replaceFirst("\\.$", ""))
                .detail("ssh -G, given your options and config files, stops with this error, so 'ssh " + host + "' stops"
                        + " before connecting. sshdoctor's own ssh_config check reads keywords, not every value; ssh"
                        + " itself rejected this one. The rest of this report assumes " + fallback.source() + " instead.")
                .evidence("ssh", sshWords)
                .clientMessage(sshWords)
                .fix("Correct the value named above (ssh_config(5) lists what each option takes; 'ssh -Q cipher', 'ssh -Q mac',"
                        + " 'ssh -Q kex' list the algorithm names this ssh knows); check with: ssh -G " + host)
                .build();
    }

    /**
     * The knowledge-base article for ssh's complaint, as {@code sshdoctor explain} would pick it (an unknown
     * algorithm has its own); a line that matches no ssh_config article is a syntax error to ssh.
     */
    private static String articleFor(String sshWords) {
        return Explainer.builtIn().recognise(sshWords.lines().findFirst().orElse(sshWords)).stream()
                .filter(id -> id.startsWith("SSH-CONFIG-")).findFirst().orElse(ConfigFindings.SYNTAX);
    }

    /** True when the arguments hold {@code -o FingerprintHash=md5} (the first such -o wins, as in ssh). */
    static boolean md5Requested(List<String> sshArguments) {
        for (int i = 0; i + 1 < sshArguments.size(); i++) {
            if (sshArguments.get(i).equals("-o")) {
                String[] option = sshArguments.get(i + 1).strip().split("\\s*[=\\s]\\s*", 2);
                if (option.length == 2 && option[0].equalsIgnoreCase("fingerprinthash")) {
                    return option[1].strip().equalsIgnoreCase("md5");
                }
            }
        }
        return false;
    }

    /** The files OpenSSH reads by default, for profiles (which have no ssh -G to ask). */
    static List<Path> defaultKnownHosts() {
        Path home = Path.of(System.getProperty("user.home"));
        return List.of(home.resolve(".ssh/known_hosts"), home.resolve(".ssh/known_hosts2"),
                Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2"));
    }
}
