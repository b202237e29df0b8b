package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrayOutputTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1400204832 | 'Sun '",
        "1416128883 | This",
        "1466264675 | Welc",
        "458961211  | \\e[1;",
        "1281454964 | Last",
        "1650553704 | bash",
        "1937011833 | stty",
        "218781541  | \\r\\nWe",
    })
    void decodesTheFourBytesTheRemoteShellPrinted(long n, String text) {
        assertThat(StrayOutput.decode(n)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'Sun ' | date",
        "This   | nologin",
        "\\e[1; | colour",
        "Welc   | welcome banner",
    })
    void namesTheUsualSource(String text, String expected) {
        assertThat(StrayOutput.likelySource(text)).hasValueSatisfying(s -> assertThat(s).contains(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Received message too long 1400204832 | 'Sun ' | date    | 'case $- in *i*)'",
        "Received message too long 1416128883 | This   | nologin | internal-sftp",
    })
    void explainSaysWhichStartupFileToFix(String line, String text, String source, String fix) {
        Match match = Explainer.builtIn().explain(line).matches().get(0);
        assertThat(match.captures()).containsEntry("text", text);
        assertThat(match.summary()).contains("\"" + text + "\"").contains(source);
        assertThat(match.causes().get(0).cause().fix()).contains(fix);
    }
}
