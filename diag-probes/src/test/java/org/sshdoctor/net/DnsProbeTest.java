package org.sshdoctor.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sshdoctor.engine.DiagnosisListener;
import org.sshdoctor.engine.DiagnosisOptions;
import org.sshdoctor.engine.Plan;
import org.sshdoctor.model.Finding;
import org.sshdoctor.model.ProbeStatus;
import org.sshdoctor.model.Report;
import org.sshdoctor.model.Severity;
import org.sshdoctor.model.Target;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

class DnsProbeTest {
    private static final DiagnosisOptions OPTIONS = DiagnosisOptions.withPhaseTimeout(Duration.ofSeconds(5));
    private static LoopbackDnsServer dns;

    @BeforeAll
    static void startDns() throws Exception {
        Name mail = Name.fromString("mail-only.test.");
        dns = new LoopbackDnsServer(Map.of(
                "gone.test", LoopbackDnsServer.rcode(Rcode.NXDOMAIN),
                "mail-only.test", LoopbackDnsServer.records(new MXRecord(mail, DClass.IN, 60, 10, Name.fromString("mx.test."))),
                "broken.test", LoopbackDnsServer.rcode(Rcode.SERVFAIL),
                "web.test", LoopbackDnsServer.records(new ARecord(Name.fromString("web.test."), DClass.IN, 60,
                        InetAddress.getByName("192.0.2.7")))));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    /** getaddrinfo as it fails for every name it cannot resolve (gai_strerror after the host). */
    private static DnsProbe.SystemResolver failing(String gaiError) {
        return host -> {
            throw new UnknownHostException(host + ": " + gaiError);
        };
    }

    private static Report resolve(String host, DnsProbe.SystemResolver system) {
        DnsProbe probe = new DnsProbe(system, DnsClassifier.using(dns.address()));
        return Plan.of(probe).run(Target.of(host, 22, "fred"), OPTIONS, DiagnosisListener.NONE);
    }

    private static Finding onlyFinding(Report report) {
        assertThat(report.findings()).as("%s", report.findings()).hasSize(1).allMatch(f -> !f.id().startsWith("SSHDOCTOR"));
        return report.findings().get(0);
    }

    @Test
    void nxdomainIsToldApartAndQuotesSsh() {
        Report report = resolve("gone.test", failing("Name or service not known"));
        Finding finding = onlyFinding(report);
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_NXDOMAIN);
        assertThat(finding.clientMessage()).hasValue("ssh: Could not resolve hostname gone.test: Name or service not known");
        assertThat(report.probe("dns").orElseThrow().status()).isEqualTo(ProbeStatus.FAILED);
    }

    @Test
    void aNameWithoutAddressRecordsIsNotCalledMissing() {
        Finding finding = onlyFinding(resolve("mail-only.test", failing("Name or service not known")));
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_NO_ADDRESS);
        assertThat(finding.title()).contains("exists but has no address");
    }

    @Test
    void aResolverThatFailsIsNotBlamedOnTheName() {
        Finding finding = onlyFinding(resolve("broken.test", failing("Name or service not known")));
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_TEMPORARY_FAILURE);
    }

    @Test
    void temporaryFailureFromTheSystemResolverIsReportedAsSuch() {
        Finding finding = onlyFinding(resolve("any.test", failing("Temporary failure in name resolution")));
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_TEMPORARY_FAILURE);
        assertThat(finding.clientMessage()).hasValue("ssh: Could not resolve hostname any.test: Temporary failure in name resolution");
    }

    @Test
    void dnsHasAddressesButTheSystemResolverDoesNot() {
        Finding finding = onlyFinding(resolve("web.test", failing("Name or service not known")));
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_NO_ADDRESS);
        assertThat(finding.detail()).contains("nsswitch");
    }

    @Test
    void invalidTldIsNxdomainWithoutAnyQuery() {
        Report report = Plan.of(DnsProbe.system()).run(Target.of("nonesuch.invalid", 22, "fred"), OPTIONS, DiagnosisListener.NONE);
        assertThat(onlyFinding(report).id()).isEqualTo(NetFindings.DNS_NXDOMAIN);
    }

    @Test
    void etcHostsIsHonouredThroughTheSystemResolver() {
        Report report = Plan.of(DnsProbe.system()).run(Target.of("localhost", 22, "fred"), OPTIONS, DiagnosisListener.NONE);
        assertThat(report.findings()).isEmpty();
        assertThat(report.probe("dns").orElseThrow().summary()).contains("127.0.0.1");
    }

    @Test
    void slowResolutionIsAWarningButStillResolves() {
        DnsProbe.SystemResolver slow = host -> {
            try {
                Thread.sleep(DnsProbe.SLOW.toMillis() + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        Report report = resolve("slow.test", slow);
        Finding finding = onlyFinding(report);
        assertThat(finding.id()).isEqualTo(NetFindings.DNS_SLOW);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(report.probe("dns").orElseThrow().status()).isEqualTo(ProbeStatus.OK);
    }

    @Test
    void addressLiteralsNeedNoLookup() {
        Report report = resolve("::1", failing("must not be called"));
        assertThat(report.findings()).isEmpty();
        assertThat(report.probe("dns").orElseThrow().summary()).contains("no lookup needed");
    }
}
