package org.sshdoctor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FleetInputTest {

    @Test
    void plainListsHaveCommentsBlankLinesAndDuplicates() {
        FleetInput input = FleetInput.parse(List.of("# web tier", "web1.example.org", "", "fred@web2:2222  # odd port",
                "web1.example.org"), "hosts.txt");
        assertThat(input.kind()).isEqualTo("list");
        assertThat(input.targets()).extracting(FleetInput.Entry::target).containsExactly("web1.example.org", "fred@web2:2222");
        assertThat(input.targets().get(1).origin()).isEqualTo("hosts.txt:4");
    }

    @Test
    void knownHostsGiveTheirHostsAndSayWhatTheySkipped() {
        FleetInput input = FleetInput.parse(List.of(
                "# comment",
                "web1.example.org,192.0.2.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                "[git.example.org]:2222 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAI",
                "|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= ssh-rsa AAAAB3NzaC1yc2E",
                "*.corp.example.org ssh-rsa AAAAB3NzaC1yc2E",
                "@cert-authority *.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"), "known_hosts");
        assertThat(input.kind()).isEqualTo("known_hosts");
        assertThat(input.targets()).extracting(FleetInput.Entry::target)
                .containsExactly("web1.example.org", "[git.example.org]:2222");
        assertThat(input.skipped()).hasSize(3).anyMatch(s -> s.contains("hashed"));
    }

    @Test
    void sshConfigGivesConcreteHostsWithTheirHostNamePortAndUser() {
        FleetInput input = FleetInput.parse(List.of(
                "Host bastion",
                "    HostName 192.0.2.10",
                "    User ops",
                "    Port 2200",
                "Host db1 db2",
                "  User postgres",
                "Host *.internal !skip",
                "  ProxyJump bastion",
                "Match host foo",
                "  User x"), "config");
        assertThat(input.kind()).isEqualTo("ssh_config");
        assertThat(input.targets()).extracting(FleetInput.Entry::target)
                .containsExactly("ops@192.0.2.10:2200", "postgres@db1", "postgres@db2");
        assertThat(input.skipped()).hasSize(2);
    }
}
