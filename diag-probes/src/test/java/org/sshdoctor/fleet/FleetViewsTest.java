package org.sshdoctor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.Doctor;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Target;
import org.sshdoctor.ssh.HandshakeOptions;

/**
 * The fleet views against real peers: embedded MINA servers on loopback, two of them cloned (one host
 * key), one re-keyed against a known_hosts file, one that offers only ssh-rsa (SHA-1) signatures.
 */
class FleetViewsTest {
    private final List<SshServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopServers() throws Exception {
        for (SshServer server : servers) {
            server.stop(true);
        }
    }

    private SshServer start(KeyPair key, Consumer<SshServer> setup) throws Exception {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(key));
        server.setPublickeyAuthenticator((user, k, session) -> false);
        setup.accept(server);
        server.start();
        servers.add(server);
        return server;
    }

    private static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    @Test
    @SuppressWarnings("deprecation") // a deliberately legacy server
    void clonedKeysChangedKeysAndLegacyServersAreFoundAcrossTheFleet() throws Exception {
        KeyPair cloned = generate("EC", 256);
        SshServer first = start(cloned, s -> { });
        SshServer clone = start(cloned, s -> { });
        SshServer own = start(generate("EC", 256), s -> { });
        SshServer legacy = start(generate("RSA", 2048),
                s -> s.setSignatureFactories(List.<NamedFactory<Signature>>of(BuiltinSignatures.rsa)));
        // The client remembers another key for the fourth server: it was re-keyed.
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + own.getPort() + " "
                + PublicKeyEntry.toString(generate("EC", 256).getPublic()) + "\n");

        List<Target> fleet = List.of(target(first), target(clone), target(own), target(legacy));
        Doctor doctor = Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults()
                .withClientProfile("openssh-9.2").withKnownHosts(List.of(knownHosts))));
        FleetSummary summary = new FleetSummary();
        new FleetScan(doctor, DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), 4).run(fleet, summary::add);

        String clonedPrint = KeyUtils.getFingerPrint(cloned.getPublic());
        assertThat(summary.sharedHostKeys()).singleElement().satisfies(key -> {
            assertThat(key.keys()).containsExactly(new FleetSummary.Key("ECDSA", clonedPrint));
            assertThat(key.hosts()).containsExactly(fleet.get(0).endpoint(), fleet.get(1).endpoint());
        });

        assertThat(summary.changedHostKeys()).singleElement().satisfies(key -> {
            assertThat(key.host()).isEqualTo(fleet.get(2).endpoint());
            assertThat(key.knownHosts()).isEqualTo(knownHosts + ":1");
            assertThat(key.newFingerprint()).isEqualTo(KeyUtils.getFingerPrint(own.getKeyPairProvider()
                    .loadKeys(null).iterator().next().getPublic()));
        });

        assertThat(summary.legacyServers()).singleElement().satisfies(server -> {
            assertThat(server.host()).isEqualTo(fleet.get(3).endpoint());
            assertThat(server.clients()).extracting(c -> c.profile() + " " + c.verdict() + " " + c.legacy() + " " + c.options())
                    .containsExactly(
                            "openssh-7.4 LEGACY [ssh-rsa] []",
                            "openssh-8.8 NEEDS_OPTION [ssh-rsa] [HostKeyAlgorithms=+ssh-rsa]",
                            "openssh-9.2 NEEDS_OPTION [ssh-rsa] [HostKeyAlgorithms=+ssh-rsa]",
                            "openssh-10.2 NEEDS_OPTION [ssh-rsa] [HostKeyAlgorithms=+ssh-rsa]");
        });

        List<Finding> findings = summary.findings();
        assertThat(findings).extracting(Finding::id).containsExactly(FleetFindings.SHARED_HOSTKEY,
                FleetFindings.HOSTKEYS_CHANGED, FleetFindings.LEGACY_NEEDED);
        assertThat(findings.get(0).title()).isEqualTo("2 servers present the same host key (ECDSA)");
        assertThat(findings.get(0).evidence()).containsEntry("ECDSA", clonedPrint);
        assertThat(findings.get(2).title()).isEqualTo(fleet.get(3).endpoint() + " needs legacy algorithms for some clients:"
                + " OpenSSH 7.4 only with ssh-rsa; OpenSSH 8.8, 9.2, 10.2 not by default (needs -o HostKeyAlgorithms=+ssh-rsa)");
        assertThat(FleetJson.summary(summary, 4).get("summary").get("sharedHostKeys").get(0).get("hosts")).hasSize(2);
    }

    @Test
    void oneServerReachedUnderTwoNamesIsNotAClone() throws Exception {
        SshServer server = start(generate("EC", 256), s -> { });
        List<Target> fleet = List.of(Target.of("127.0.0.1", server.getPort(), "fred"),
                Target.of("localhost", server.getPort(), "fred"));
        FleetSummary summary = new FleetSummary();
        new FleetScan(Doctor.withProbes(Doctor.fleetProbes(HandshakeOptions.defaults().withClientProfile("openssh-9.2")
                .withKnownHosts(List.of()))), DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(10)), 4)
                .run(fleet, summary::add);
        // localhost may resolve to ::1 first, where nothing listens; either way both reach 127.0.0.1:port.
        assertThat(summary.count(FleetSummary.Outcome.UNREACHABLE)).isZero();
        assertThat(summary.sharedHostKeys()).isEmpty();
        assertThat(summary.legacyServers()).isEmpty();
    }

    private static Target target(SshServer server) {
        return Target.of("127.0.0.1", server.getPort(), "fred");
    }
}
