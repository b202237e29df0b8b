package org.sshdoctor.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.sshdoctor.auth.KeyAnswer.Answer;

/** How one connection's answers are matched to its queries in flight, and when pipelining is given up. */
class LaneTest {
    private static List<PublicKey> keys(int n) throws Exception {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        }
        return keys;
    }

    private static List<Answer> answers(QueryState state) {
        return state.results().stream().map(KeyAnswer::answer).toList();
    }

    @Test
    void aBurstIsTheDefaultBudgetAndAnswersAreMatchedInOrder() throws Exception {
        List<PublicKey> keys = keys(7);
        QueryState state = new QueryState(keys);
        assertEquals(2, state.connectionsWanted(), "7 queries at 5 refusals per connection");
        Lane lane = state.newLane();
        assertEquals(List.of(0, 1, 2, 3, 4), lane.nextBurst());
        assertEquals(List.of(), lane.nextBurst(), "nothing more while answers are due");
        lane.refused();
        assertTrue(lane.accepted(PublicKeyQueryAuth.blob(keys.get(1))));
        lane.refused();
        lane.refused();
        lane.refused();
        // 4 refusals, 1 PK_OK: one more refusable query fits on this connection.
        assertEquals(List.of(5), lane.nextBurst());
        lane.refused();
        assertEquals(List.of(), lane.nextBurst(), "budget spent: the next key goes over another connection");
        assertEquals(List.of(Answer.REFUSED, Answer.ACCEPTED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED, Answer.REFUSED,
                Answer.NOT_ASKED), answers(state));
    }

    @Test
    void aDisconnectRefusesTheOldestQueryInFlightAndShowsTheLimit() throws Exception {
        QueryState state = new QueryState(keys(6));
        Lane lane = state.newLane();
        lane.nextBurst();
        lane.refused();
        lane.refused();
        lane.ended(Lane.End.SERVER_DISCONNECTED);
        assertEquals(List.of(Answer.REFUSED, Answer.REFUSED, Answer.REFUSED_AND_DISCONNECTED, Answer.NOT_ASKED, Answer.NOT_ASKED,
                Answer.NOT_ASKED), answers(state));
        assertEquals(2, state.budget(), "MaxAuthTries 3 observed: 2 refusals per connection from now on");
        assertEquals(List.of(3, 4), state.newLane().nextBurst(), "the unanswered queries are asked again");
        assertFalse(state.sequential());
    }

    @Test
    void aConnectionDroppedWithoutDisconnectLeavesTheQueriesInFlightUnansweredAndAsksThemOneAtATime() throws Exception {
        QueryState state = new QueryState(keys(6));
        Lane lane = state.newLane();
        lane.nextBurst();
        // A reset dropped the server's two refusals and its disconnect: nothing was read.
        lane.ended(Lane.End.DROPPED);
        assertEquals(List.of(Answer.NOT_ASKED, Answer.NOT_ASKED, Answer.NOT_ASKED, Answer.NOT_ASKED, Answer.NOT_ASKED,
                Answer.NOT_ASKED), answers(state), "no answer is made up, and no limit");
        assertTrue(state.sequential());
        assertEquals(List.of(0), state.newLane().nextBurst(), "asked again from the first key, one at a time");
    }

    @Test
    void aConnectionDroppedWithOneQueryInFlightRefusedThatQuery() throws Exception {
        QueryState state = new QueryState(keys(3));
        state.fallBackToSequential();
        Lane lane = state.newLane();
        assertEquals(List.of(0), lane.nextBurst());
        lane.refused();
        assertEquals(List.of(1), lane.nextBurst());
        lane.ended(Lane.End.DROPPED);
        assertEquals(List.of(Answer.REFUSED, Answer.REFUSED_AND_DISCONNECTED, Answer.NOT_ASKED), answers(state));
    }

    @Test
    void aPkOkForAnotherKeyMeansTheServerDoesNotAnswerInOrder() throws Exception {
        List<PublicKey> keys = keys(3);
        QueryState state = new QueryState(keys);
        Lane lane = state.newLane();
        lane.nextBurst();
        assertFalse(lane.accepted(PublicKeyQueryAuth.blob(keys.get(2))));
        assertTrue(state.sequential());
        assertEquals(List.of(0), state.newLane().nextBurst(), "one at a time from now on, starting again at the first key");
        assertEquals(List.of(Answer.NOT_ASKED, Answer.NOT_ASKED, Answer.NOT_ASKED), answers(state));
    }

    @Test
    void queriesLeftUnansweredOnAnOpenConnectionEndPipelining() throws Exception {
        QueryState state = new QueryState(keys(4));
        Lane lane = state.newLane();
        lane.nextBurst();
        lane.refused();
        lane.stalled();
        assertTrue(state.sequential());
        assertEquals(List.of(1), state.newLane().nextBurst());
    }

    @Test
    void aLimitOfOneStillAsksOneKeyPerConnection() throws Exception {
        QueryState state = new QueryState(keys(2));
        Lane lane = state.newLane();
        lane.nextBurst();
        lane.ended(Lane.End.SERVER_DISCONNECTED);
        assertEquals(1, state.budget());
        assertEquals(List.of(1), state.newLane().nextBurst());
    }

    @Test
    void aWaitingLaneSendsNothingBeforeItsVerdictAndTakesNoKeyOnceItsConnectionIsGone() throws Exception {
        QueryState state = new QueryState(keys(8));
        Lane main = state.newWaitingLane(0, 5);
        Lane second = state.newWaitingLane(5, Integer.MAX_VALUE);
        assertEquals(List.of(), main.nextBurst(), "no key before the host key check allows it");
        assertTrue(main.pending());
        second.decide(true);
        assertEquals(List.of(5, 6, 7), second.nextBurst(), "the second lane asks from the main lane's share on");
        // The main session ended before its verdict came (its server answered fast, or closed): a late
        // verdict must leave its keys in the queue, for a connection of their own.
        main.ended(Lane.End.BY_US);
        main.decide(true);
        assertEquals(List.of(), main.nextBurst());
        assertEquals(1, state.connectionsWanted(), "keys 0-4 still wait");
        Lane refused = state.newWaitingLane(0, 5);
        refused.decide(false);
        assertTrue(refused.closed().isDone());
        assertEquals(List.of(), refused.nextBurst(), "a refused lane never asks");
    }
}
