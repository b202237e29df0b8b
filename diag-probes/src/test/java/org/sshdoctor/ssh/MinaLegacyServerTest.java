package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Report;
import org.sshdoctor.testing.RealSshClient;
import org.sshdoctor.testing.MinaServers;

/**
 * Servers OpenSSH 9.2 will not be (ssh-dss only, diffie-hellman-group1-sha1 only), played by an embedded
 * MINA server; each verdict is checked against the real ssh.
 */
class MinaLegacyServerTest {

    static SshServer start(String keyAlgorithm, int bits, Consumer<SshServer> setup) throws Exception {
        SshServer server = MinaServers.unstarted("127.0.0.1", keyAlgorithm, bits);
        server.setPublickeyAuthenticator((user, key, session) -> false);
        setup.accept(server);
        server.start();
        return server;
    }

    @Test
    @SuppressWarnings("deprecation") // a deliberately legacy server
    void dssOnlyServerNeedsAClientThatStillHasDsa() throws Exception {
        SshServer server = start("DSA", 1024, s -> s.setSignatureFactories(List.<NamedFactory<Signature>>of(BuiltinSignatures.dsa)));
        try {
            Report report = NegotiationProbeTest.diagnose(server.getPort());
            Finding finding = report.findings(HandshakeFindings.ALGO_NO_COMMON_HOSTKEY).get(0);
            assertThat(finding.clientMessage().orElseThrow()).endsWith("no matching host key type found. Their offer: ssh-dss");
            assertThat(RealSshClient.stderrOf(server.getPort(), 3)).contains(finding.clientMessage().orElseThrow());
            assertThat(finding.fix()).contains("-o HostKeyAlgorithms=+ssh-dss -o PubkeyAcceptedAlgorithms=+ssh-dss");

            // OpenSSH 10 removed DSA: no client option can bring it back.
            Finding newest = NegotiationProbeTest.diagnose(server.getPort(), HandshakeOptions.defaults().withClientProfile("openssh-10.2"))
                    .findings(HandshakeFindings.ALGO_NO_COMMON_HOSTKEY).get(0);
            assertThat(newest.fix()).contains("cannot speak ssh-dss at all").doesNotContain("+ssh-dss");
        } finally {
            server.stop(true);
        }
    }

    @Test
    @SuppressWarnings("deprecation") // a deliberately legacy server
    void group1OnlyServerIsAKexMismatch() throws Exception {
        SshServer server = start("RSA", 2048, s -> s.setKeyExchangeFactories(
                NamedFactory.setUpTransformedFactories(true, List.of(BuiltinDHFactories.dhg1), ServerBuilder.DH2KEX)));
        try {
            Report report = NegotiationProbeTest.diagnose(server.getPort());
            Finding finding = report.findings(HandshakeFindings.ALGO_NO_COMMON_KEX).get(0);
            assertThat(finding.evidence().get("server offer")).startsWith("diffie-hellman-group1-sha1");
            assertThat(RealSshClient.stderrOf(server.getPort(), 3)).contains(finding.clientMessage().orElseThrow());
            // MINA's key exchange completed anyway, so the host key and auth methods are still known.
            assertThat(report.findings(HandshakeFindings.AUTH_METHODS)).isNotEmpty();
        } finally {
            server.stop(true);
        }
    }
}
