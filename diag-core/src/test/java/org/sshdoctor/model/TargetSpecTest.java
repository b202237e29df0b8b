package org.sshdoctor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            host.example.org               | host.example.org | -          | -
            fred@host.example.org          | host.example.org | fred       | -
            host.example.org:2222          | host.example.org | -          | 2222
            fred@host:2222                 | host             | fred       | 2222
            [2001:db8::1]:2222             | 2001:db8::1      | -          | 2222
            [2001:db8::1]                  | 2001:db8::1      | -          | -
            2001:db8::1                    | 2001:db8::1      | -          | -
            fred@2001:db8::1               | 2001:db8::1      | fred       | -
            ssh://fred@host:2200           | host             | fred       | 2200
            ssh://host                     | host             | -          | -
            ssh://fred@[::1]:22/           | ::1              | fred       | 22
            fred@corp@host                 | host             | fred@corp  | -
            127.0.0.1                      | 127.0.0.1        | -          | -
            fred@127.0.0.1:2222            | 127.0.0.1        | fred       | 2222
            ab:22                          | ab               | -          | 22
            """)
    void parsesEveryFormSshAccepts(String text, String host, String user, Integer port) {
        TargetSpec spec = TargetSpec.parse(text);
        assertThat(spec.host()).isEqualTo(host);
        assertThat(spec.user()).isEqualTo(Optional.ofNullable(user));
        assertThat(spec.port()).isEqualTo(port == null ? OptionalInt.empty() : OptionalInt.of(port));
    }

    @Test
    void flagsWinOverTheTargetStringAsInSsh() {
        Target target = TargetSpec.parse("bob@host:2222").toTarget(OptionalInt.of(22), Optional.of("fred"), "local");
        assertThat(target.user()).isEqualTo("fred");
        assertThat(target.port()).isEqualTo(22);
    }

    @Test
    void defaultsAreTheLocalUserAndPort22() {
        Target target = TargetSpec.parse("host").toTarget(OptionalInt.empty(), Optional.empty(), "alice");
        assertThat(target.user()).isEqualTo("alice");
        assertThat(target.port()).isEqualTo(22);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            host:0         | port must be 1..65535, got 0
            host:70000     | port must be 1..65535, got 70000
            host:ssh       | port must be a number 1..65535, got 'ssh'
            host:          | the port after ':' is empty
            @host          | the user name before '@' is empty
            fred@          | the host name is empty
            [::1           | '[' without a closing ']'
            -oProxyCommand=x | a host name cannot start with '-'
            "host name"    | invalid character U+0020
            ssh://h/path   | an ssh:// URI has no path
            """)
    void badTargetsSayWhatIsWrongInOneLine(String text, String message) {
        assertThatThrownBy(() -> TargetSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith("bad target '" + text + "'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyTargetSuggestsAnExample() {
        assertThatThrownBy(() -> TargetSpec.parse(" ")).hasMessageContaining("user@host.example.org");
    }

    @Test
    void endpointBracketsIpv6() {
        assertThat(Target.of("::1", 2222, "u").endpoint()).isEqualTo("[::1]:2222");
        assertThat(Target.of("::1", 2222, "u").isAddressLiteral()).isTrue();
        assertThat(Target.of("host", 22, "u").isAddressLiteral()).isFalse();
    }
}
