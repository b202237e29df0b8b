package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.testing.OpenSshServer;

/** Host keys of a real sshd against known_hosts files, each verdict checked against the real ssh. */
class HostKeyProbeTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @TempDir
    Path dir;

    Report diagnose(Path knownHosts) {
        return NegotiationProbeTest.diagnose(SSHD.port(), HandshakeOptions.defaults().withKnownHosts(List.of(knownHosts)));
    }

    String endpoint() {
        return "[127.0.0.1]:" + SSHD.port();
    }

    String serverKey(String type) throws Exception {
        return Files.readString(SSHD.directory().resolve("ssh_host_" + type + "_key.pub")).strip();
    }

    /** What ssh-keygen -lf prints for the server's key, e.g. "256 SHA256:abc test host key (ED25519)". */
    String keygenFingerprint(String type) throws Exception {
        return run("ssh-keygen", "-lf", SSHD.directory().resolve("ssh_host_" + type + "_key.pub").toString()).split(" ")[1];
    }

    String otherKey() throws Exception {
        Path key = dir.resolve("other");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "old key", "-f", key.toString());
        return Files.readString(dir.resolve("other.pub")).strip();
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /** The real ssh with this known_hosts file and strict checking. */
    String realSsh(Path knownHosts, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", "none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-p", String.valueOf(SSHD.port())));
        command.addAll(List.of(extra));
        command.addAll(List.of("tester@127.0.0.1", "true"));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void firstConnectionListsEveryKeyWithFingerprintsAsSshKeygenPrintsThem() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Report report = diagnose(knownHosts);
        assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
        Finding unknown = report.findings(HandshakeFindings.HOSTKEY_UNKNOWN).get(0);
        assertThat(unknown.severity()).isEqualTo(Severity.INFO);
        assertThat(unknown.evidence()).containsEntry("ED25519", keygenFingerprint("ed25519"))
                .containsEntry("ECDSA nistp256", keygenFingerprint("ecdsa"))
                .containsEntry("RSA", keygenFingerprint("rsa"));
        assertThat(unknown.clientMessage().orElseThrow()).isEqualTo("ED25519 key fingerprint is " + keygenFingerprint("ed25519") + ".");
        String md5 = run("ssh-keygen", "-E", "md5", "-lf", SSHD.directory().resolve("ssh_host_rsa_key.pub").toString()).split(" ")[1];
        assertThat(unknown.evidence()).containsEntry("RSA (MD5)", md5);
    }

    @Test
    void fingerprintHashMd5ShowsMd5FingerprintsAsSshAndSshKeygenPrintThem() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Report report = NegotiationProbeTest.diagnose(SSHD.port(), HandshakeOptions.defaults()
                .withKnownHosts(List.of(knownHosts)).withSshArguments(List.of("-o", "FingerprintHash=md5")));
        Finding unknown = report.findings(HandshakeFindings.HOSTKEY_UNKNOWN).get(0);
        String md5 = run("ssh-keygen", "-E", "md5", "-lf", SSHD.directory().resolve("ssh_host_ed25519_key.pub").toString())
                .split(" ")[1];
        assertThat(md5).startsWith("MD5:");
        assertThat(unknown.title()).endsWith(md5);
        assertThat(unknown.clientMessage().orElseThrow()).isEqualTo("ED25519 key fingerprint is " + md5 + ".");
        assertThat(unknown.fix()).contains("ssh-keygen -E md5 -lf").contains(md5).doesNotContain("SHA256:");
        // Machine-readable output keeps both.
        assertThat(unknown.evidence()).containsEntry("ED25519", keygenFingerprint("ed25519")).containsEntry("ED25519 (MD5)", md5);
        // The real ssh with the same option prints the same fingerprint for the key it negotiates.
        assertThat(realSsh(knownHosts, "-v", "-o", "FingerprintHash=md5")).contains("Server host key: ssh-ed25519 " + md5);
    }

    @Test
    void withoutSshGTheCommandLineFingerprintHashStillCounts() {
        assertThat(ClientProfileProbe.md5Requested(List.of("-o", "FingerprintHash=md5"))).isTrue();
        assertThat(ClientProfileProbe.md5Requested(List.of("-F", "none", "-o", "fingerprinthash MD5"))).isTrue();
        assertThat(ClientProfileProbe.md5Requested(List.of("-o", "FingerprintHash=sha256", "-o", "FingerprintHash=md5"))).isFalse();
        assertThat(ClientProfileProbe.md5Requested(List.of("-i", "FingerprintHash=md5"))).isFalse();
    }

    @Test
    void matchingEntryIsKnown() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), endpoint() + " " + serverKey("ecdsa") + "\n");
        Report report = diagnose(knownHosts);
        assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
        // ssh prefers the key type it already knows: ECDSA here, although it would pick ED25519 otherwise.
        assertThat(report.findings(HandshakeFindings.HOSTKEY_KNOWN).get(0).title()).contains("ECDSA").contains(knownHosts + ":1");
        assertThat(realSsh(knownHosts)).doesNotContain("Host key verification failed");
    }

    @Test
    void changedKeyNamesFileLineBothFingerprintsAndTheFix() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                "# a comment\n" + endpoint() + " " + otherKey() + "\n");
        Report report = diagnose(knownHosts);
        Finding changed = report.findings(HandshakeFindings.HOSTKEY_CHANGED).get(0);
        assertThat(changed.severity()).isEqualTo(Severity.ERROR);
        assertThat(changed.evidence()).containsEntry("known_hosts", knownHosts + ":2")
                .containsEntry("new fingerprint", keygenFingerprint("ed25519"))
                .containsEntry("old fingerprint", run("ssh-keygen", "-lf", dir.resolve("other.pub").toString()).split(" ")[1]);
        assertThat(changed.fix()).contains("ssh-keygen -f \"" + knownHosts + "\" -R \"" + endpoint() + "\"");
        String ssh = realSsh(knownHosts);
        changed.clientMessage().orElseThrow().lines().forEach(line -> assertThat(ssh).contains(line));
    }

    @Test
    void changedKeyIsFoundUnderAHashedName() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), endpoint() + " " + otherKey() + "\n");
        run("ssh-keygen", "-H", "-f", knownHosts.toString());
        assertThat(Files.readString(knownHosts)).startsWith("|1|");
        Finding changed = diagnose(knownHosts).findings(HandshakeFindings.HOSTKEY_CHANGED).get(0);
        assertThat(changed.evidence()).containsEntry("known_hosts", knownHosts + ":1");
        String ssh = realSsh(knownHosts);
        changed.clientMessage().orElseThrow().lines().forEach(line -> assertThat(ssh).contains(line));
    }

    @Test
    void revokedKeyIsAnError() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "@revoked * " + serverKey("ed25519") + "\n");
        Finding revoked = diagnose(knownHosts).findings(HandshakeFindings.HOSTKEY_REVOKED).get(0);
        assertThat(revoked.severity()).isEqualTo(Severity.ERROR);
        assertThat(realSsh(knownHosts)).contains(revoked.clientMessage().orElseThrow());
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbers() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                endpoint() + " " + serverKey("ed25519") + "\nthis is not an entry\n" + endpoint() + " ssh-ed25519 AAAA%%%\n");
        Finding malformed = diagnose(knownHosts).findings(HandshakeFindings.KNOWN_HOSTS_MALFORMED).get(0);
        assertThat(malformed.evidence()).containsKeys(knownHosts + ":2", knownHosts + ":3").hasSize(2);
    }

    @Test
    void hostKeyAliasFromTheClientConfigIsTheNameLookedUp() throws Exception {
        // An "ssh" that answers -G like the real one plus a HostKeyAlias, as a ~/.ssh/config line would.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeSsh = Files.writeString(bin.resolve("ssh"), "#!/bin/sh\nif [ \"$1\" = -G ]; then /usr/bin/ssh \"$@\""
                + " | grep -v '^hostkeyalias '; echo 'hostkeyalias web-alias'; else exec /usr/bin/ssh \"$@\"; fi\n");
        assertThat(fakeSsh.toFile().setExecutable(true)).isTrue();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "web-alias " + serverKey("ed25519") + "\n");
        HandshakeOptions options = HandshakeOptions.defaults().withKnownHosts(List.of(knownHosts));
        List<org.sshdoctor.engine.Probe> probes = new ArrayList<>(org.sshdoctor.Doctor.standardProbes(options));
        probes.replaceAll(p -> p instanceof ClientProfileProbe ? new ClientProfileProbe(options, bin.toString()) : p);
        Report report = org.sshdoctor.Doctor.withProbes(probes).diagnose(org.sshdoctor.model.Target.of("127.0.0.1", SSHD.port(),
                "tester"), NegotiationProbeTest.FAST, org.sshdoctor.engine.DiagnosisListener.NONE);
        assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
        assertThat(report.findings(HandshakeFindings.HOSTKEY_KNOWN).get(0).title()).contains(knownHosts + ":1");
        assertThat(realSsh(knownHosts, "-o", "HostKeyAlias=web-alias")).doesNotContain("Host key verification failed");
    }
}
