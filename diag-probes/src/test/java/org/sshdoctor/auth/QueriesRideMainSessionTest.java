package org.sshdoctor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.ProbeRun;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Target;
import org.sshdoctor.os.Account;
import org.sshdoctor.ssh.HandshakeOptions;
import org.sshdoctor.testing.OpenSshServer;

/**
 * Issue 8's round trips, seen from a real sshd's log: with 7 keys and a server known_hosts vouches for, the
 * first five queries go over the diagnosis's main session (the first connection, right behind its none
 * request) and the rest over one more connection, so a diagnosis costs the host key types' connections plus
 * one; a server known_hosts does not vouch for is shown no key at all, and costs no extra connection.
 */
class QueriesRideMainSessionTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer("PubkeyAuthentication yes");

    private static final Pattern CONNECTION = Pattern.compile("Connection from 127\\.0\\.0\\.1 port (\\d+) ");

    @TempDir
    Path home;


    @BeforeEach
    void sevenKeysTheFifthAuthorized() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        StringBuilder config = new StringBuilder("Host *\n    IdentitiesOnly yes\n");
        for (int i = 1; i <= 7; i++) {
            Path key = ssh.resolve("k" + i);
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "k" + i, "-f", key.toString());
            config.append("    IdentityFile ").append(key).append('\n');
        }
        Files.writeString(ssh.resolve("config"), config);
        Files.copy(ssh.resolve("k5.pub"), SSHD.authorizedKeys(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }

    private Report diagnose(boolean knownHost) throws Exception {
        return diagnose(knownHost ? List.of("ed25519", "ecdsa", "rsa") : List.of());
    }

    /** A diagnosis with known_hosts holding the server's keys of {@code knownTypes}. */
    private Report diagnose(List<String> knownTypes) throws Exception {
        Path knownHosts = home.resolve(".ssh/known_hosts");
        StringBuilder lines = new StringBuilder();
        {
            for (String type : knownTypes) {
                String[] pub = Files.readString(SSHD.directory().resolve("ssh_host_" + type + "_key.pub")).split(" ");
                lines.append("[127.0.0.1]:").append(SSHD.port()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
            }
        }
        Files.writeString(knownHosts, lines);
        KeyQueryOptions keys = new KeyQueryOptions(Account.current().withHome(home), Map.of(), Optional.empty(), false, false);
        return Doctor.withProbes(Doctor.standardProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2")
                .withKnownHosts(List.of(knownHosts)), keys)).diagnose(Target.of("127.0.0.1", SSHD.port(), Account.current().name()),
                DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), DiagnosisListener.NONE);
    }

    /** The client ports of the connections in {@code log}, in order. */
    private static List<String> connections(String log) {
        List<String> ports = new ArrayList<>();
        Matcher m = CONNECTION.matcher(log);
        while (m.find()) {
            ports.add(m.group(1));
        }
        return ports;
    }

    private static String after(int from) {
        return SSHD.log().substring(from);
    }

    private static String summary(Report report, String probe) {
        return report.probes().stream().filter(p -> p.name().equals(probe)).map(ProbeRun::summary).findFirst().orElse("");
    }

    @Test
    void theFirstQueriesRideTheMainSessionAndTheRestOneMoreConnection() throws Exception {
        int from = SSHD.log().length();
        Report report = diagnose(true);
        String log = after(from);

        assertThat(report.findings(AuthFindings.PUBKEY_ACCEPTED)).singleElement()
                .satisfies(f -> assertThat(f.title()).startsWith("The server accepts key #5"));
        List<String> ports = connections(log);
        // main session, the ecdsa and rsa host key fetches, the second query lane: one fewer than before,
        // when the queries waited for the host key check and then opened two connections of their own
        assertThat(ports).hasSize(4);
        String main = ports.get(0);
        assertThat(log.lines().filter(l -> l.startsWith("Failed publickey") && l.contains("port " + main + " ")).count())
                .as("refused queries on the main session (k1-k4)").isEqualTo(4);
        assertThat(log).containsPattern("Failed publickey for \\S+ from 127\\.0\\.0\\.1 port " + main + " ssh2: ED25519");
        assertThat(log.lines().filter(l -> l.startsWith("Failed publickey") && !l.contains("port " + main + " ")).count())
                .as("refused queries on the second lane (k6, k7, the throwaway key)").isEqualTo(3);
        assertThat(summary(report, "pubkey")).startsWith("7 keys asked, 1 accepted, 2 connections");
        assertThat(summary(report, "offer")).contains("behind the main session's none request and on one more connection");
    }

    @Test
    void aServerKnownHostsDoesNotVouchForIsShownNoKeyAndCostsNoExtraConnection() throws Exception {
        int from = SSHD.log().length();
        Report report = diagnose(false);
        String log = after(from);

        assertThat(report.findings(AuthFindings.PUBKEY_QUERY_SKIPPED)).hasSize(1);
        assertThat(connections(log)).hasSize(3); // one per host key type, as ssh-keyscan
        assertThat(log).doesNotContain("publickey").doesNotContain("Accepted key");
    }

    @Test
    void whenKnownHostsHoldsOnlyAnotherKeyTypeTheQueriesWaitForTheFullCheckAndCostNoExtraConnection() throws Exception {
        // ssh would check the rsa key (known types first), not the main session's ed25519 one: the verdict waits
        // for every key type, the main session is shown no key, and the second lane asks for an rsa host key.
        int from = SSHD.log().length();
        Report report = diagnose(List.of("rsa"));
        String log = after(from);

        assertThat(report.findings(AuthFindings.PUBKEY_ACCEPTED)).singleElement()
                .satisfies(f -> assertThat(f.title()).startsWith("The server accepts key #5"));
        List<String> ports = connections(log);
        assertThat(ports).hasSize(5); // as many as before the queries rode the handshake
        String main = ports.get(0);
        assertThat(log.lines().filter(l -> l.contains("publickey") && l.contains("port " + main + " ")).count())
                .as("no key offered on the main session, whose ed25519 key known_hosts does not hold").isZero();
    }
}
