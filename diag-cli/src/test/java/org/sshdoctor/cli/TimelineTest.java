package org.sshdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sshdoctor.testing.OpenSshServer;

/** {@code --timeline} against a real sshd: one bar per probe, and the phases inside the probes under them. */
class TimelineTest {
    @RegisterExtension
    static final OpenSshServer SSHD = new OpenSshServer();

    @Test
    void timelineShowsThePhasesInsideTheProbesInOrder() {
        CliRun run = CliRun.of("tester@127.0.0.1:" + SSHD.port(), "--timeline", "--no-agent");
        String out = run.out();
        assertThat(out).contains("timeline (");
        List<String> lines = out.substring(out.indexOf("timeline (")).lines().map(String::strip).toList();
        assertThat(lines).anyMatch(l -> l.matches("\\d+ ms\\s+connecting to 127\\.0\\.0\\.1 port " + SSHD.port()));
        assertThat(lines).anyMatch(l -> l.matches("\\d+ ms\\s+identification: SSH-2\\.0-OpenSSH_.*"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+ ms\\s+host key \\S+ SHA256:\\S+"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+ ms\\s+keys in use: \\S+, \\S+"));
        // Marks come under their probe: the banner's after the tcp bar, the key exchange's after the kex bar.
        int tcp = indexOf(lines, "tcp "), connected = indexOf(lines, "connected"), banner = indexOf(lines, "banner ");
        int kex = indexOf(lines, "kex "), keys = indexOf(lines, "keys in use:");
        assertThat(tcp).isLessThan(connected);
        assertThat(connected).isLessThan(banner);
        assertThat(kex).isLessThan(keys);
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start) || lines.get(i).matches("\\d+ ms\\s+" + java.util.regex.Pattern.quote(start) + ".*")) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + start + " in " + lines);
    }
}
