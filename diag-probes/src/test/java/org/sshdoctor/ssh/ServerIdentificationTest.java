package org.sshdoctor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerIdentificationTest {

    /** Real identification lines seen on servers, with what a user should be told. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10       | OpenSSH             | 9.2p1      | Debian 12 "bookworm"
            SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10      | OpenSSH             | 8.9p1      | Ubuntu
            SSH-2.0-OpenSSH_7.4                           | OpenSSH             | 7.4        |
            SSH-2.0-OpenSSH_9.6 FreeBSD-20240806          | OpenSSH             | 9.6        | FreeBSD
            SSH-2.0-OpenSSH_for_Windows_8.1               | OpenSSH for Windows | 8.1        | Windows
            SSH-2.0-OpenSSH_7.9p1 Raspbian-10+deb10u2     | OpenSSH             | 7.9p1      | Debian 10 "buster"
            SSH-2.0-dropbear_2022.83                      | Dropbear            | 2022.83    |
            SSH-2.0-dropbear                              | Dropbear            |            |
            SSH-2.0-tinyssh_20230101-1 a1b2c3             | TinySSH             | 20230101   |
            SSH-2.0-libssh_0.9.6                          | libssh              | 0.9.6      |
            SSH-2.0-libssh-0.7.0                          | libssh              | 0.7.0      |
            SSH-2.0-Cisco-1.25                            | Cisco IOS SSH       | 1.25       |
            SSH-2.0-ROSSSH                                | MikroTik RouterOS   |            |
            SSH-2.0-Go                                    | Go x/crypto/ssh     |            |
            SSH-2.0-paramiko_3.4.0                        | Paramiko            | 3.4.0      |
            SSH-2.0-APACHE-SSHD-2.20.0                    | Apache MINA SSHD    | 2.20.0     |
            SSH-2.0-AWS_SFTP_1.1                          | AWS Transfer Family | 1.1        |
            SSH-2.0-mod_sftp/0.9.9                        | ProFTPD mod_sftp    | 0.9.9      |
            SSH-2.0-HUAWEI-1.5                            | Huawei VRP          | 1.5        |
            SSH-2.0-Comware-7.1.064                       | HPE Comware         | 7.1.064    |
            SSH-1.99-Cisco-1.25                           | Cisco IOS SSH       | 1.25       |
            SSH-2.0-Erlang/5.1.4                          | Erlang/OTP ssh      | 5.1.4      |
            SSH-2.0-babeld-8405f9f3                       | GitHub (babeld)     | 8405f9f3   |
            SSH-2.0-SomethingNobodyKnows_1.0              | unknown             |            |
            """)
    void recognisesSoftwareVersionAndPlatform(String line, String product, String version, String platform) {
        ServerIdentification id = ServerIdentification.parse(line, List.of()).orElseThrow();
        assertThat(id.software().product()).isEqualTo(product);
        assertThat(id.software().version()).isEqualTo(version == null ? "" : version);
        assertThat(id.software().platform()).isEqualTo(platform == null ? "" : platform);
        assertThat(id.speaksSsh2()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-", "SSH-2.0", "SSH-two-OpenSSH", "SSH--OpenSSH_9.2"})
    void rejectsLinesSshRefuses(String line) {
        assertThat(ServerIdentification.parse(line, List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-1.5-OpenSSH_3.4p1", "SSH-1.3-Sun_SSH_1.0"})
    void ssh1IsParsedButNotSsh2(String line) {
        assertThat(ServerIdentification.parse(line, List.of()).orElseThrow().speaksSsh2()).isFalse();
    }
}
