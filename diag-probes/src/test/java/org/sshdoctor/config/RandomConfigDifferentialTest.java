package org.sshdoctor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.os.Account;

/**
 * Differential test: random configs (Host patterns with negation, wildcards and case, every Match
 * criterion, Include with a glob, tokens, first-value-wins keywords, accumulating IdentityFile, ProxyJump
 * versus ProxyCommand) resolved by us and by the installed {@code ssh -G}, for several hosts and
 * command lines. Seeded, so a failure is reproducible; {@code -Dsshdoctor.differential.configs=N}
 * runs more.
 */
class RandomConfigDifferentialTest {
    private static final String[] HOST_PATTERNS = {"*", "web*", "!web-secret", "db?", "a,b", "*.example.com", "WEB*",
        "alias", "10.0.0.*", "!*.example.com", "x*", "?eb1"};
    private static final String[] HOSTS = {"web1", "web-secret", "db1", "alias", "x.example.com", "WEB2", "10.0.0.7", "other"};
    private static final String[] MATCH_CRITERIA = {"host web*", "host *.example.com,!x.*", "originalhost alias",
        "!originalhost web*", "user u1", "user u*,!u3", "localuser %ME%", "!localuser nobody", "exec true", "exec false",
        "exec \"test %h = x.example.com\"", "final", "canonical", "!final", "host real.example.com"};

    @TempDir
    Path dir;

    @Test
    void randomConfigsAgreeWithSshG() throws IOException {
        Optional<SshGCrossCheck> check = SshGCrossCheck.installed();
        assumeTrue(check.isPresent(), "no OpenSSH client installed");
        int configs = Integer.getInteger("sshdoctor.differential.configs", 40);
        Account account = Account.current();
        Random random = new Random(4242);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (int n = 0; n < configs; n++) {
            Path config = write(random, n, account.name());
            for (int h = 0; h < 3; h++) {
                ConfigRequest request = ConfigRequest.forHost(HOSTS[random.nextInt(HOSTS.length)], account, Map.of("SHELL", "/bin/sh"))
                        .withConfigFile(Optional.of(config.toString()));
                if (random.nextInt(4) == 0) {
                    request = request.withUser(Optional.of("u" + (1 + random.nextInt(3))));
                }
                if (random.nextInt(4) == 0) {
                    request = request.withPort(OptionalInt.of(2000 + random.nextInt(10)));
                }
                if (random.nextInt(4) == 0) {
                    request = request.withOptions(List.of(random.nextBoolean() ? "User=cli" : "IdentityFile=/cli/key_%h"));
                }
                ResolvedConfig ours = ConfigResolver.resolve(request);
                if (!ours.problems().isEmpty()) {
                    failures.add(config + " " + request.host() + ": unexpected problems " + ours.problems());
                    continue;
                }
                Optional<List<SshGCrossCheck.Disagreement>> diff = check.get().compare(ours);
                if (diff.isEmpty()) {
                    failures.add(config + " " + request.host() + ": ssh -G failed");
                } else if (!diff.get().isEmpty()) {
                    failures.add(config + " " + request.host() + " " + request.user() + " " + request.options() + ": " + diff.get()
                            + "\n" + Files.readString(config));
                }
                compared++;
            }
        }
        assertEquals(List.of(), failures.stream().limit(3).toList(), failures.size() + " of " + compared + " disagree");
    }

    private Path write(Random random, int n, String me) throws IOException {
        Path include = dir.resolve("inc" + n + ".d");
        Files.createDirectories(include);
        Files.writeString(include.resolve("10.conf"), block(random, me) + block(random, me));
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append(option(random));
        }
        int blocks = 2 + random.nextInt(5);
        for (int b = 0; b < blocks; b++) {
            if (random.nextInt(6) == 0) {
                text.append("Include ").append(include).append("/*.conf\n");
            }
            text.append(block(random, me));
        }
        Path config = dir.resolve("config" + n);
        Files.writeString(config, text.toString());
        return config;
    }

    private static String block(Random random, String me) {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(3) == 0) {
            b.append("Match");
            int criteria = 1 + random.nextInt(2);
            for (int i = 0; i < criteria; i++) {
                b.append(' ').append(MATCH_CRITERIA[random.nextInt(MATCH_CRITERIA.length)].replace("%ME%", me));
            }
            if (random.nextInt(8) == 0) {
                b.setLength(0);
                b.append(random.nextBoolean() ? "Match all" : "Match final all");
            }
        } else {
            b.append("Host");
            int patterns = 1 + random.nextInt(3);
            for (int i = 0; i < patterns; i++) {
                b.append(' ').append(HOST_PATTERNS[random.nextInt(HOST_PATTERNS.length)]);
            }
        }
        b.append('\n');
        int options = 1 + random.nextInt(3);
        for (int i = 0; i < options; i++) {
            b.append("  ").append(option(random));
        }
        return b.toString();
    }

    private static String option(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "User u" + (1 + random.nextInt(3)) + "\n";
            case 1 -> "Port " + (2200 + random.nextInt(5)) + "\n";
            case 2 -> "HostName " + new String[] {"%h.example.com", "Real.Example.COM", "10.0.0.5", "%h"}[random.nextInt(4)] + "\n";
            case 3 -> "IdentityFile ~/.ssh/k_%h_%r\n";
            case 4 -> "IdentityFile /keys/" + random.nextInt(3) + "_%u\n";
            case 5 -> "CertificateFile ~/.ssh/c" + random.nextInt(2) + "-cert.pub\n";
            case 6 -> "IdentitiesOnly " + (random.nextBoolean() ? "yes" : "no") + "\n";
            case 7 -> "IdentityAgent " + new String[] {"/tmp/agent_%C", "none", "SSH_AUTH_SOCK", "%d/agent.%L.%i"}[random.nextInt(4)] + "\n";
            case 8 -> "ProxyJump jump" + random.nextInt(2) + "\n";
            case 9 -> "ProxyCommand nc %h %p\n";
            case 10 -> "IdentityFile=\"/quoted path/%n key\"\n";
            default -> "ServerAliveInterval " + random.nextInt(60) + "\n";
        };
    }
}
