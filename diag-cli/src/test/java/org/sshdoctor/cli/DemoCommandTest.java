package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code sshdoctor demo}: the embedded server's planted problems are found and explained. */
class DemoCommandTest {

    @Test
    void demoFindsThePlantedProblems() {
        CliRun run = CliRun.of("demo", "--no-color");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Planted problems:", "[SSH-KEX-NO-HOSTKEY-MATCH]",
                "no matching host key type found. Their offer: ssh-rsa", "-o HostKeyAlgorithms=+ssh-rsa",
                "Password login is off");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void demoJsonIsValid() throws Exception {
        CliRun run = CliRun.of("demo", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("findings").findValuesAsText("id")).contains("SSH-KEX-NO-HOSTKEY-MATCH", "SSH-AUTH-METHODS");
    }

    @Test
    void unknownClientProfileIsAUsageError() {
        CliRun run = CliRun.of("--client-profile", "putty-0.1", "127.0.0.1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown client profile 'putty-0.1'").contains("openssh-9.2");
    }
}
