package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a round's batch members are cut into batches: a pool's vaults may span batches when the node simulates a block's
 * batches in sequence, and never when each batch is simulated alone (its simulation would not see the other's trades).
 */
class BatchRoundPackTest {
    private static final Batching.Route ROUTE = new Batching.Route("0xbatch", true);

    @Test
    void inSequenceBatchesAreFilledUpToMaxAcrossPools() {
        List<BatchSend.Member> members = members("0xpoolA", 30);
        members.addAll(members("0xpoolB", 30));

        assertThat(BatchRound.pack(members, 40, false)).extracting(List::size).containsExactly(40, 20);
    }

    @Test
    void aPoolLargerThanABatchFillsSeveralInSequence() {
        assertThat(BatchRound.pack(members("0xpoolA", 100), 40, false)).extracting(List::size).containsExactly(40, 40, 20);
    }

    @Test
    void simulatedOneByOneABatchTakesWholePoolsOnly() {
        List<BatchSend.Member> members = members("0xpoolA", 30);
        members.addAll(members("0xpoolB", 30));

        List<List<BatchSend.Member>> batches = BatchRound.pack(members, 40, true);

        assertThat(batches).extracting(List::size).containsExactly(30, 30);
        for (List<BatchSend.Member> b : batches) {
            assertThat(b).extracting(m -> m.vault().pool()).as("one pool per batch here").containsOnly(b.getFirst().vault().pool());
        }
    }

    private static List<BatchSend.Member> members(String pool, int n) {
        List<BatchSend.Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ManagedVault v = new ManagedVault("v" + pool + i, String.format("0x%040x", (pool.hashCode() & 0xffff) * 1000 + i),
                    "0xvenue", pool, List.of(), 0, 0, 0, 0);
            out.add(new BatchSend.Member(i, v, i, null, "", List.of(), null, ROUTE, null));
        }
        return out;
    }
}
