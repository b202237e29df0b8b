package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.testing.OpenSshServer;

/** A real sshd with a host certificate, trusted through a @cert-authority line. */
class HostCertificateTest {
    static final Path CA_DIR = certificates();

    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer(List.of("ecdsa"), "HostKey " + CA_DIR.resolve("host"),
            "HostCertificate " + CA_DIR.resolve("host-cert.pub"));

    /** A CA and an ed25519 host key it certified for 127.0.0.1, made before the server starts. */
    static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("sshdoctor-hostcert-");
            HostKeyProbeTest.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test CA", "-f", dir.resolve("ca").toString());
            HostKeyProbeTest.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host").toString());
            HostKeyProbeTest.run("ssh-keygen", "-q", "-s", dir.resolve("ca").toString(), "-I", "test-host", "-h",
                    "-n", "127.0.0.1", "-V", "-5m:+1d", dir.resolve("host.pub").toString());
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Path knownHosts(String hostPattern) throws Exception {
        return Files.writeString(CA_DIR.resolve("known_hosts"),
                "@cert-authority " + hostPattern + " " + Files.readString(CA_DIR.resolve("ca.pub")));
    }

    @org.junit.jupiter.api.AfterAll
    static void removeCertificates() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(CA_DIR)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void certificateSignedByAKnownCaIsTrustedAndDescribed() throws Exception {
        Path knownHosts = knownHosts("[127.0.0.1]:" + SSHD.port());
        Report report = NegotiationProbeTest.diagnose(SSHD.port(), HandshakeOptions.defaults().withKnownHosts(List.of(knownHosts)));
        assertThat(report.needsAction()).as("%s", report.findings()).isFalse();
        Finding known = report.findings(HandshakeFindings.HOSTKEY_KNOWN).get(0);
        assertThat(known.title()).contains("signed by the CA trusted at " + knownHosts + ":1");
        assertThat(known.evidence()).containsEntry("certificate id", "test-host").containsEntry("principals", "127.0.0.1")
                .containsEntry("CA", HostKeyProbeTest.run("ssh-keygen", "-lf", CA_DIR.resolve("ca.pub").toString()).split(" ")[1]);
        assertThat(report.findings(HandshakeFindings.HOSTKEY_UNKNOWN)).isEmpty();
        // The real ssh accepts the certificate: it gets as far as authentication.
        assertThat(realSsh(knownHosts)).contains("Permission denied").doesNotContain("Host key verification failed");
    }

    @Test
    void certificateForAnotherNameIsRejectedAsSshDoes() throws Exception {
        Path knownHosts = knownHosts("*");
        // Reached as "localhost", which is not among the certificate's principals.
        Report report = org.sshdoctor.Doctor.create(HandshakeOptions.defaults().withKnownHosts(List.of(knownHosts)))
                .diagnose(org.sshdoctor.model.Target.of("localhost", SSHD.port(), "tester"), NegotiationProbeTest.FAST,
                        org.sshdoctor.engine.DiagnosisListener.NONE);
        // The key exchange still completes (ssh falls back to the certified key; so does our client).
        assertThat(report.findings(HandshakeFindings.KEX_FAILED)).isEmpty();
        Finding invalid = report.findings(HandshakeFindings.HOSTKEY_CERT_INVALID).get(0);
        assertThat(invalid.detail()).contains("localhost is not among its principals");
        assertThat(invalid.fix()).contains("-n localhost");
        assertThat(realSsh(knownHosts, "-o", "HostKeyAlias=localhost")).contains("Certificate invalid: name is not a listed principal");
    }

    String realSsh(Path knownHosts, String... extra) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh", "-F", "none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", "-p", String.valueOf(SSHD.port())));
        command.addAll(List.of(extra));
        command.addAll(List.of("tester@127.0.0.1", "true"));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
