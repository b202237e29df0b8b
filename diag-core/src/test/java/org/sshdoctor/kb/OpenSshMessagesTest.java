package org.sshdoctor.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every client, sshd and sftp-server message of the research catalogue is recognised by some article. */
class OpenSshMessagesTest {
    @Test
    void everyCataloguedMessageIsRecognised() {
        Explainer explainer = Explainer.builtIn();
        List<String> missed = new ArrayList<>();
        int count = 0;
        for (MarkedLines.Marked line : MarkedLines.load("kb/openssh-messages.txt").lines()) {
            count++;
            if (explainer.recognise(line.text()).isEmpty()) {
                missed.add(line.text());
            }
        }
        assertThat(missed).isEmpty();
        assertThat(count).isEqualTo(256);
    }
}
