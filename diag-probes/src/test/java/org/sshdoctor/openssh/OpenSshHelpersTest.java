package org.sshdoctor.openssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The misc.c helpers ssh and sshd share, as both config parsers now use them. */
class OpenSshHelpersTest {
    @TempDir
    Path dir;

    @Test
    void includeGlobIsSortedSkipsHiddenNamesAndDirectoriesAndTakesBracesLiterally() throws IOException {
        for (String name : List.of("b.conf", "a.conf", ".hidden.conf", "{x,y}.conf")) {
            Files.writeString(dir.resolve(name), "");
        }
        Files.createDirectory(dir.resolve("c.conf"));

        assertThat(Glob.expand(dir.resolve("*.conf"))).containsExactly(dir.resolve("a.conf"), dir.resolve("b.conf"),
                dir.resolve("{x,y}.conf"));
        assertThat(Glob.expand(dir.resolve(".*.conf"))).containsExactly(dir.resolve(".hidden.conf"));
        assertThat(Glob.expand(dir.resolve("x.conf"))).isEmpty();
        assertThat(Glob.expand(dir.resolve("[a.conf"))).as("malformed pattern").isEmpty();
    }

    @Test
    void argvSplitGroupsQuotesAndStopsAtAComment() {
        assertThat(ArgvSplit.split("a \"b c\" 'd' e\\ f \\x # g")).contains(List.of("a", "b c", "d", "e f", "\\x"));
        assertThat(ArgvSplit.split("\"open")).isEmpty();
    }

    @Test
    void percentExpandNamesTheTokenItRefuses() {
        assertThat(PercentExpand.expand("%h/%%/%u", Map.of('h', "/home/ann", 'u', "ann"))).isEqualTo("/home/ann/%/ann");
        assertThatThrownBy(() -> PercentExpand.expand("/srv/%d", Map.of('u', "ann")))
                .isInstanceOfSatisfying(PercentExpand.BadToken.class, e -> assertThat(e.key()).contains('d'))
                .hasMessage("vdollar_percent_expand: unknown key %d");
        assertThatThrownBy(() -> PercentExpand.expand("/srv/%", Map.of()))
                .isInstanceOfSatisfying(PercentExpand.BadToken.class, e -> assertThat(e.key()).isEmpty())
                .hasMessage("vdollar_percent_expand: invalid format");
    }
}
