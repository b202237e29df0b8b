package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Fact;
import org.sshdoctor.engine.ProbeContext;
import org.sshdoctor.engine.ProbeResult;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SSHFPRecord;
import org.xbill.DNS.Section;

/** SSHFP records served by a DNS server of our own on loopback, matched against real keys. */
class SshfpProbeTest {
    @TempDir
    Path dir;

    /** A one-name DNS server: answers SSHFP queries for host.test. with the records, AD bit as given. */
    static final class SshfpServer implements AutoCloseable {
        final DatagramSocket socket;

        SshfpServer(List<SSHFPRecord> records, boolean authenticated) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                        Message response = new Message(query.getHeader().getID());
                        response.getHeader().setFlag(Flags.QR);
                        response.getHeader().setFlag(Flags.RA);
                        if (authenticated) {
                            response.getHeader().setFlag(Flags.AD);
                        }
                        response.addRecord(query.getQuestion(), Section.QUESTION);
                        records.forEach(r -> response.addRecord(r, Section.ANSWER));
                        byte[] out = response.toWire();
                        socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "sshfp-dns");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    ServerHostKey key(String type) throws Exception {
        Path file = dir.resolve("key_" + type);
        Files.deleteIfExists(file); // ssh-keygen would ask whether to overwrite
        Files.deleteIfExists(dir.resolve("key_" + type + ".pub"));
        HostKeyProbeTest.run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString());
        String line = Files.readString(dir.resolve("key_" + type + ".pub"));
        return new ServerHostKey(type.equals("rsa") ? "rsa-sha2-512" : "ssh-" + type,
                PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, java.util.Map.of(), null));
    }

    /** The records ssh-keygen -r prints for the key: the reference implementation of RFC 4255. */
    List<SSHFPRecord> keygenRecords(String type) throws Exception {
        String output = HostKeyProbeTest.run("ssh-keygen", "-r", "host.test", "-f", dir.resolve("key_" + type + ".pub").toString());
        return output.lines().map(l -> l.split("\\s+")).filter(f -> f.length == 6 && f[2].equals("SSHFP"))
                .map(f -> new SSHFPRecord(Name.fromConstantString("host.test."), DClass.IN, 300, Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), HexFormat.of().parseHex(f[5]))).toList();
    }

    static ProbeResult run(org.sshdoctor.engine.Probe probe, HostKeys keys) throws Exception {
        ProbeContext context = new ProbeContext() {
            @Override public Target target() { return Target.of("host.test", 22, "tester"); }
            @Override public DiagnosisOptions options() { return DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(3)); }
            @SuppressWarnings("unchecked")
            @Override public <T> T fact(Fact<T> fact) { return (T) keys; }
            @Override public <T> Optional<T> optionalFact(Fact<T> fact) { return Optional.of(fact(fact)); }
            @Override public Instant deadline() { return Instant.now().plusSeconds(3); }
            @Override public <T> void publish(Fact<T> fact, T value) {
                throw new AssertionError("the SSHFP probe publishes nothing early: " + fact);
            }
            @Override public void closeAtEnd(AutoCloseable resource) {}
            @Override public DiagnosisListener listener() { return DiagnosisListener.NONE; }
        };
        return probe.run(context);
    }

    @Test
    void matchingRecordsWithTheAdBitAreOk() throws Exception {
        ServerHostKey ed25519 = key("ed25519");
        try (SshfpServer dns = new SshfpServer(keygenRecords("ed25519"), true)) {
            ProbeResult result = run(new SshfpProbe(Optional.of(dns.address())), new HostKeys(List.of(ed25519)));
            Finding match = result.findings().get(0);
            assertThat(match.id()).isEqualTo(HandshakeFindings.SSHFP_MATCH);
            assertThat(match.severity()).isEqualTo(Severity.OK);
            assertThat(match.evidence()).containsEntry("dnssec", "validated (AD)");
        }
    }

    @Test
    void matchWithoutValidationIsOnlyInfo() throws Exception {
        ServerHostKey rsa = key("rsa");
        try (SshfpServer dns = new SshfpServer(keygenRecords("rsa"), false)) {
            Finding match = run(new SshfpProbe(Optional.of(dns.address())), new HostKeys(List.of(rsa))).findings().get(0);
            assertThat(match.severity()).isEqualTo(Severity.INFO);
            assertThat(match.title()).contains("not DNSSEC-validated");
        }
    }

    @Test
    void staleRecordsAreAWarning() throws Exception {
        key("ed25519");
        List<SSHFPRecord> stale = keygenRecords("ed25519");
        ServerHostKey rekeyed = key("ed25519"); // the server was re-keyed after the records were published
        try (SshfpServer dns = new SshfpServer(stale, true)) {
            List<Finding> findings = run(new SshfpProbe(Optional.of(dns.address())), new HostKeys(List.of(rekeyed))).findings();
            assertThat(findings).extracting(Finding::id).containsExactly(HandshakeFindings.SSHFP_MISMATCH);
            assertThat(findings.get(0).fix()).contains("ssh-keygen -r host.test");
        }
    }
}
