package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralAnchorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Connection timed out during banner exchange | connection timed out during banner exchange",
        "'connect to host (?<host>.+?) port (?<port>\\d+): Connection refused' | ': connection refused'",
        "'(?<problem>chroot path does not begin at root)' | chroot path does not begin at root",
        "'Offending (?<keyType>\\S+) key in (?<file>.+)' | 'offending '",
        "'Bad packet length (?<length>\\d+)\\.?' | 'bad packet length '",
        "'a|b' | ''",
        "'(?:x)?only after optional' | only after optional",
        "'(?=look)ahead' | ahead",
    })
    void findsTheLongestRequiredLiteral(String regex, String anchor) {
        assertThat(LiteralAnchor.of(regex)).isEqualTo(anchor);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "permission denied (publickey)  | 0,2",
        "nothing here                   | ''",
    })
    void theIndexFindsEveryAnchorInOnePass(String text, String expected) {
        AnchorIndex index = new AnchorIndex(List.of("permission denied", "", "(publickey)", "password"));
        assertThat(index.find(text).toString().replaceAll("[{} ]", "")).isEqualTo(expected);
    }
}
