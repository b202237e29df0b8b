package org.sshdoctor.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.sshdoctor.auth.KeyAnswer.Answer;
import org.sshdoctor.config.ConfigOrigin;
import org.sshdoctor.local.OfferedIdentity;
import org.sshdoctor.local.OfferedIdentity.Source;
import org.sshdoctor.model.Severity;

/** The verdict as a pure function of the order and the answers. */
class AcceptanceVerdictTest {
    private final List<PublicKey> keys = new ArrayList<>();
    private final List<OfferedIdentity> order = new ArrayList<>();

    private void offer(Source source, String label, Optional<Path> file) throws Exception {
        PublicKey key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic();
        keys.add(key);
        order.add(new OfferedIdentity(order.size() + 1, source, label, Optional.of(key), file, ConfigOrigin.derived("test"),
                Optional.empty()));
    }

    private PublicKeyQuery.Result answers(boolean anyKey, Answer... answers) {
        List<KeyAnswer> list = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            list.add(new KeyAnswer(keys.get(i), "ssh-ed25519", answers[i], 1));
        }
        return new PublicKeyQuery.Result(list, anyKey, 1, Optional.empty());
    }

    @Test
    void noneAcceptedListsEveryAnswer() throws Exception {
        offer(Source.AGENT, "laptop", Optional.empty());
        offer(Source.FILE, "/home/u/.ssh/id_ed25519", Optional.of(Path.of("/home/u/.ssh/id_ed25519")));
        var f = AcceptanceVerdict.verdict(order, answers(false, Answer.REFUSED, Answer.REFUSED), "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_NONE_ACCEPTED, f.id());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.detail().contains("#2 file /home/u/.ssh/id_ed25519"), f.detail());
    }

    @Test
    void aDisconnectAtTheThirdRefusalIsTheServersLimitNotTheDefault() throws Exception {
        for (int i = 1; i <= 4; i++) {
            offer(Source.FILE, "/home/u/.ssh/k" + i, Optional.of(Path.of("/home/u/.ssh/k" + i)));
        }
        List<KeyAnswer> list = List.of(new KeyAnswer(keys.get(0), "ssh-ed25519", Answer.REFUSED, 1),
                new KeyAnswer(keys.get(1), "ssh-ed25519", Answer.REFUSED, 1),
                new KeyAnswer(keys.get(2), "ssh-ed25519", Answer.REFUSED_AND_DISCONNECTED, 1),
                new KeyAnswer(keys.get(3), "ssh-ed25519", Answer.ACCEPTED, 2));
        var f = AcceptanceVerdict.verdict(order, new PublicKeyQuery.Result(list, false, 2, Optional.empty()), "u", "h", 22,
                "work", "/etc/cfg");
        // 3 refusals before the working key: too many for this server's 3, although fewer than the default 6.
        assertEquals(AuthFindings.PUBKEY_TOO_MANY_FAILURES, f.id());
        assertEquals("3 (observed)", f.evidence().get("max auth tries"));
        assertTrue(f.fix().startsWith("Add at the top of /etc/cfg") && f.fix().contains("Host work\n    IdentitiesOnly yes\n"
                + "    IdentityFile /home/u/.ssh/k4"), f.fix());

        var sameWithoutDisconnect = AcceptanceVerdict.verdict(order, answers(false, Answer.REFUSED, Answer.REFUSED,
                Answer.REFUSED, Answer.ACCEPTED), "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_ACCEPTED, sameWithoutDisconnect.id());
    }

    @Test
    void agentOnlyKeyBeyondTheLimitGetsTheExportFix() throws Exception {
        for (int i = 1; i <= 7; i++) {
            offer(Source.AGENT, "agent key " + i, Optional.empty());
        }
        var f = AcceptanceVerdict.verdict(order, answers(false, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED,
                Answer.REFUSED, Answer.REFUSED_AND_DISCONNECTED, Answer.ACCEPTED), "u", "h", 2222);
        assertEquals(AuthFindings.PUBKEY_TOO_MANY_FAILURES, f.id());
        assertEquals("Received disconnect from h port 2222:2: Too many authentication failures", f.clientMessage().orElseThrow());
        assertTrue(f.fix().contains("ssh-add -L") && f.fix().contains("IdentityFile ~/.ssh/h.pub"), f.fix());
    }

    @Test
    void sixthKeyIsStillReachedAndAnyKeyServersAreFlagged() throws Exception {
        for (int i = 1; i <= 6; i++) {
            offer(Source.AGENT, "agent key " + i, Optional.empty());
        }
        var ok = AcceptanceVerdict.verdict(order, answers(false, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED,
                Answer.REFUSED, Answer.ACCEPTED), "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_ACCEPTED, ok.id());
        var any = AcceptanceVerdict.verdict(order, answers(true, Answer.ACCEPTED, Answer.ACCEPTED, Answer.ACCEPTED,
                Answer.ACCEPTED, Answer.ACCEPTED, Answer.ACCEPTED), "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_ANY_KEY_ACCEPTED, any.id());
    }

    @Test
    void sevenRefusalsOnOneConnectionWithoutDisconnectMeanSshReachesTheEighthKey() throws Exception {
        for (int i = 1; i <= 8; i++) {
            offer(Source.FILE, "/home/u/.ssh/k" + i, Optional.of(Path.of("/home/u/.ssh/k" + i)));
        }
        Answer[] budgeted = {Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED,
            Answer.REFUSED, Answer.ACCEPTED};
        // Without the replay (5 refusals per connection): the default limit decides, and ssh would be cut off.
        List<KeyAnswer> twoConnections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            twoConnections.add(new KeyAnswer(keys.get(i), "ssh-ed25519", budgeted[i], i < 5 ? 1 : 2));
        }
        var predicted = AcceptanceVerdict.verdict(order, new PublicKeyQuery.Result(twoConnections, false, 2, Optional.empty()),
                "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_TOO_MANY_FAILURES, predicted.id());
        assertEquals("6 (default, not observed)", predicted.evidence().get("max auth tries"));
        // The replay in ssh's order on one connection: seven refusals and no disconnect, so the limit is above 7.
        List<KeyAnswer> replayed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replayed.add(new KeyAnswer(keys.get(i), "ssh-ed25519", budgeted[i], 3));
        }
        var f = AcceptanceVerdict.verdict(order, new PublicKeyQuery.Result(replayed, false, 3, Optional.empty()), "u", "h", 22);
        assertEquals(AuthFindings.PUBKEY_ACCEPTED, f.id());
        assertTrue(f.detail().contains("ssh reaches it although 7 keys come first: the server took 7 refusals"), f.detail());
    }
}
