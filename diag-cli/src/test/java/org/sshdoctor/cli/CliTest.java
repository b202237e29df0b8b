package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sshdoctor.testing.DropbearServer;
import org.sshdoctor.testing.FakePeer;
import org.sshdoctor.testing.OpenSshServer;
import org.sshdoctor.testing.TinySshServer;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void helpListsOptionsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("TARGET", "--timeout", "--json", "Exit codes:", "usage error", "kb");
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        CliRun run = CliRun.of("help", "kb");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Lists, searches and prints the knowledge base");
    }

    @Test
    void versionNamesTheRelease() {
        CliRun run = CliRun.of("--version");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("sshdoctor 0.1.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            --frobnicate host        | Unknown option: '--frobnicate'
            host -p 0                | port must be 1..65535, got 0
            host -p twenty           | port must be a number 1..65535, got 'twenty'
            host --timeout abc       | --timeout must be a number of seconds, got 'abc'
            host --timeout 0         | --timeout must be 0.1..600 seconds, got 0
            fred@                    | the host name is empty
            host;rm                  | invalid character ';'
            """)
    void badInputExitsTwoWithOneLineNamingTheProblem(String args, String message) {
        CliRun run = CliRun.of(args.split(" "));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(message).startsWith("sshdoctor: ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noTargetIsAUsageErrorWithAHint() {
        CliRun run = CliRun.of();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no target given").contains("sshdoctor demo");
    }

    @Test
    void usageErrorsStayValidJsonWithJson() throws Exception {
        CliRun run = CliRun.of("--json", "fred@");
        assertThat(run.code()).isEqualTo(2);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("error").path("kind").asText()).isEqualTo("usage");
        assertThat(json.path("error").path("message").asText()).contains("host name is empty");
    }

    @Test
    void unknownHostIsExplainedWithSshsOwnWords() {
        CliRun run = CliRun.of("fred@nonesuch.invalid", "--no-color");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-DNS-NXDOMAIN]")
                .contains("ssh says: ssh: Could not resolve hostname nonesuch.invalid: Name or service not known")
                .contains("tcp     skipped")
                .contains("see:      sshdoctor kb SSH-DNS-NXDOMAIN");
    }

    @Test
    void jsonReportIsValidAndMachineReadable() throws Exception {
        CliRun run = CliRun.of("fred@nonesuch.invalid", "--json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("target").path("user").asText()).isEqualTo("fred");
        assertThat(json.path("findings").get(0).path("id").asText()).isEqualTo("SSH-DNS-NXDOMAIN");
        assertThat(json.path("probes").get(1).path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void aBrokenSshConfigIsReportedFirstInSshsWords() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("ssh_config", "");
        java.nio.file.Files.writeString(config, "Host web\n  HostName 127.0.0.1\n  Bogus yes\n  Port\n");
        CliRun run = CliRun.of("-F", config.toString(), "--no-color", "--timeout", "2", "web:" + closedPort());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("config  failed").contains("[SSH-CONFIG-UNKNOWN-KEYWORD]")
                .contains("ssh says: " + config + ": line 3: Bad configuration option: bogus")
                .contains(config + " line 4: no argument after keyword \"port\"")
                .contains(config + ": terminating, 2 bad configuration options");
        Process ssh = new ProcessBuilder("ssh", "-F", config.toString(), "-o", "BatchMode=yes", "web", "true")
                .redirectErrorStream(true).start();
        String said = new String(ssh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ssh.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(said).contains(config + ": line 3: Bad configuration option: bogus")
                .contains(config + " line 4: no argument after keyword \"port\"")
                .contains(config + ": terminating, 2 bad configuration options");
        java.nio.file.Files.delete(config);
    }

    @Test
    void aValueSshRejectsIsReportedInSshsWordsAndOnlyOnce() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("ssh_config", "");
        java.nio.file.Files.writeString(config, "Host web\n  HostName 127.0.0.1\n  Ciphers aes128-ctr,bogus\n");
        CliRun run = CliRun.of("-F", config.toString(), "-o", "FingerprintHash=md5", "--json", "--timeout", "2",
                "web:" + closedPort());
        Process ssh = new ProcessBuilder("ssh", "-G", "-F", config.toString(), "web").redirectErrorStream(true).start();
        // ssh ends its log lines with CR LF; the report keeps the lines.
        String said = String.join("\n", new String(ssh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .strip().lines().toList());
        assertThat(ssh.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(said).startsWith(config + " line 3: Bad SSH2 cipher spec 'aes128-ctr,bogus'.");
        JsonNode refused = null;
        int configErrors = 0;
        for (JsonNode finding : JSON.readTree(run.out()).path("findings")) {
            if (finding.path("id").asText().startsWith("SSH-CONFIG-")) {
                configErrors++;
                refused = finding;
            }
        }
        assertThat(configErrors).as(run.out()).isEqualTo(1);
        assertThat(refused.path("id").asText()).as("the article explain gives this line").isEqualTo("SSH-CONFIG-BAD-ALGORITHM");
        assertThat(refused.path("severity").asText()).isEqualTo("error");
        assertThat(refused.path("clientMessage").asText()).isEqualTo(said);
        java.nio.file.Files.delete(config);

        CliRun option = CliRun.of("-o", "FingerprintHash=bogus", "--no-color", "--timeout", "2", "127.0.0.1:" + closedPort());
        assertThat(option.out()).contains("[SSH-CONFIG-SYNTAX] ssh refuses the configuration: command-line line 0: Invalid hash"
                + " algorithm \"bogus\"");
    }

    @Test
    void anUnknownKeywordInAnOptionIsReportedOnceThoughSshGAlsoFails() throws Exception {
        CliRun run = CliRun.of("-o", "Bogus=1", "--json", "--timeout", "2", "127.0.0.1:" + closedPort());
        long configFindings = 0;
        for (JsonNode finding : JSON.readTree(run.out()).path("findings")) {
            configFindings += finding.path("id").asText().startsWith("SSH-CONFIG-") ? 1 : 0;
        }
        assertThat(configFindings).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("SSH-CONFIG-UNKNOWN-KEYWORD");
    }

    @Test
    void refusedPortExitsOne() throws Exception {
        int port = closedPort();
        CliRun run = CliRun.of("127.0.0.1", "-p", String.valueOf(port));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[SSH-TCP-REFUSED]", "Connection refused");
    }

    @Test
    void aDoubleDashReachesAHostNamedLikeACommand() {
        CliRun run = CliRun.of("--timeout", "2", "--", "kb.invalid");
        assertThat(run.out()).contains("@kb.invalid port 22");
        CliRun command = CliRun.of("kb");
        assertThat(command.out()).contains("SSH-TCP-REFUSED");
    }

    @Nested
    class AgainstRealSshd {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer();

        @Test
        void healthyServerExitsZeroAndNamesTheSoftware() {
            CliRun run = CliRun.of("tester@127.0.0.1:" + SSHD.port(), "--no-color");
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).contains("banner  ok").contains("SSH-2.0-OpenSSH_").contains("No problems found.");
        }
    }

    @Nested
    class AgainstDropbearAndTinySsh {
        @RegisterExtension
        static final DropbearServer DROPBEAR = new DropbearServer();
        @RegisterExtension
        static final TinySshServer TINYSSH = new TinySshServer();

        @Test
        void dropbearIsHealthyAndNamed() {
            CliRun run = CliRun.of("127.0.0.1:" + DROPBEAR.port());
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).contains("(Dropbear ");
        }

        @Test
        void tinySshIsHealthyAndNamed() {
            CliRun run = CliRun.of("127.0.0.1:" + TINYSSH.port());
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).contains("(TinySSH ");
        }
    }

    @Nested
    class AgainstMisbehavingServers {
        @RegisterExtension
        final FakePeer silent = new FakePeer(FakePeer.SILENT);
        @RegisterExtension
        final FakePeer closing = new FakePeer(FakePeer.CLOSE);
        @RegisterExtension
        final FakePeer tarpit = new FakePeer(FakePeer.TARPIT);

        @Test
        void silentServerTimesOutInTheBannerPhase() {
            CliRun run = CliRun.of("127.0.0.1:" + silent.port(), "--timeout", "1.5");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("[SSH-BANNER-TIMEOUT]", "Connection timed out during banner exchange");
        }

        @Test
        void serverClosingAtOnceIsExplained() {
            CliRun run = CliRun.of("127.0.0.1:" + closing.port(), "--timeout", "2");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("[SSH-BANNER-CLOSED]", "kex_exchange_identification: Connection closed by remote host");
        }

        @Test
        void tarpitIsNamedAndTheRunEndsWithinTheDeadline() {
            long start = System.nanoTime();
            CliRun run = CliRun.of("127.0.0.1:" + tarpit.port(), "--timeout", "2", "--json");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("\"SSH-BANNER-TARPIT\"");
        }
    }

    @Nested
    class Scan {
        @RegisterExtension
        static final OpenSshServer SSHD = new OpenSshServer();

        @Test
        void scanReportsEachHostAndAFleetSummary() throws Exception {
            int closed = closedPort();
            java.nio.file.Path list = java.nio.file.Files.createTempFile("hosts", ".txt");
            java.nio.file.Files.writeString(list, "# fleet\n127.0.0.1:" + SSHD.port() + "\n127.0.0.1:" + closed + "\n");
            CliRun run = CliRun.of("scan", "-f", list.toString(), "nonesuch.invalid");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).containsPattern("127\\.0\\.0\\.1:" + SSHD.port() + " +ok ")
                    .contains("[SSH-TCP-REFUSED]").contains("[SSH-DNS-NXDOMAIN]")
                    .contains("3 host(s): 1 ok, 0 with problems, 2 unreachable");
            java.nio.file.Files.delete(list);
        }

        @Test
        void jsonLinesAreOneValidObjectPerTarget() throws Exception {
            CliRun run = CliRun.withStdin("127.0.0.1:" + SSHD.port() + "\nnonesuch.invalid\n", "scan", "-f", "-", "--json");
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(3);
            JsonNode summary = JSON.readTree(lines.get(2)).path("summary");
            assertThat(summary.path("hosts").asInt()).isEqualTo(2);
            assertThat(summary.path("outcomes").path("unreachable").asInt()).isEqualTo(1);
            assertThat(summary.path("sharedHostKeys").isArray()).isTrue();
            for (String line : lines.subList(0, 2)) {
                JsonNode report = JSON.readTree(line);
                assertThat(report.path("target").path("host").asText()).isNotEmpty();
                // A scan never shows the fleet the user's keys: no public-key step.
                report.path("probes").forEach(p -> assertThat(p.path("name").asText()).isNotEqualTo("pubkey"));
            }
        }

        @Test
        void aKeyChangedAgainstKnownHostsIsAFleetView() throws Exception {
            java.nio.file.Path knownHosts = java.nio.file.Files.createTempFile("known_hosts", "");
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            // Another key of each type the server may use, so whichever ssh would pick has "changed".
            StringBuilder lines = new StringBuilder();
            lines.append("[127.0.0.1]:").append(SSHD.port()).append(' ')
                    .append(org.apache.sshd.common.config.keys.PublicKeyEntry.toString(generator.generateKeyPair().getPublic())).append('\n');
            java.nio.file.Files.writeString(knownHosts, lines.toString());
            CliRun run = CliRun.of("scan", "--known-hosts", knownHosts.toString(), "127.0.0.1:" + SSHD.port());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("Host keys changed against known_hosts: 1 host(s) [SSH-FLEET-HOSTKEYS-CHANGED]")
                    .contains("127.0.0.1:" + SSHD.port() + "  " + knownHosts + ":1 has SHA256:");
            java.nio.file.Files.delete(knownHosts);
        }

        @Test
        void badLinesAndMissingFilesAreUsageErrorsNamingThePlace() throws Exception {
            java.nio.file.Path list = java.nio.file.Files.createTempFile("hosts", ".txt");
            java.nio.file.Files.writeString(list, "good.example.org\nbad:port\n");
            CliRun bad = CliRun.of("scan", "-f", list.toString());
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).contains(list + ":2: bad target 'bad:port'");
            CliRun missing = CliRun.of("scan", "-f", "/nonexistent/hosts");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("cannot read /nonexistent/hosts: no such file");
            java.nio.file.Files.delete(list);
        }
    }

    @Nested
    class AgainstAWebServer {
        @RegisterExtension
        final FakePeer web = new FakePeer(FakePeer.HTTP);

        @Test
        void webServerOnThePortIsCalledOut() {
            CliRun run = CliRun.of("127.0.0.1:" + web.port(), "--timeout", "3");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).contains("speaks HTTP, not SSH");
        }
    }

    @Test
    void kbPrintsAnArticleAndRejectsUnknownIds() {
        CliRun article = CliRun.of("kb", "ssh-tcp-refused");
        assertThat(article.code()).isZero();
        assertThat(article.out()).contains("SSH-TCP-REFUSED", "Likely causes", "ss -ltnp");
        CliRun unknown = CliRun.of("kb", "SSH-NOPE");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no article has the id 'SSH-NOPE'");
        CliRun search = CliRun.of("kb", "--search", "tarpit");
        assertThat(search.out()).contains("SSH-BANNER-TARPIT");
    }
}
