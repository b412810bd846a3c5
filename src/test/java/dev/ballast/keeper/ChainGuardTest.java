package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.HeadListener;
import dev.ballast.chain.Reorg;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chain guard against a scripted node: rollbacks, resets, missing code, and ordinary reorgs passing through. */
class ChainGuardTest {
    private static final String VAULT = "0x00000000000000000000000000000000000000aa";

    /** A node whose blocks (number -> hash) and code the test rewrites. */
    private static final class Node implements ChainGuard.Probe {
        final Map<Long, String> blocks = new HashMap<>();
        final Set<String> code = new HashSet<>(Set.of(VAULT));

        @Override
        public Optional<String> blockHash(long number) {
            return Optional.ofNullable(blocks.get(number));
        }

        @Override
        public boolean hasCode(String address) {
            return code.contains(address);
        }

        BlockHead head(long n) {
            return new BlockHead(n, blocks.get(n), blocks.getOrDefault(n - 1, "0x0"), n, Optional.empty());
        }

        void chain(String tag, long upTo) {
            blocks.clear();
            for (long n = 0; n <= upTo; n++) blocks.put(n, "0x" + tag + n);
        }
    }

    private final Node node = new Node();
    private final List<Long> decided = new ArrayList<>();
    private final List<Reorg> reorgs = new ArrayList<>();
    private final ChainGuard guard = new ChainGuard(node, List.of(new ManagedVault("v", VAULT, "0xvenue", "0xpool", 0, 0,
            0, 0)), new HeadListener() {
                @Override
                public void onBlock(BlockHead head) {
                    decided.add(head.number());
                }

                @Override
                public void onReorg(Reorg reorg) {
                    reorgs.add(reorg);
                }
            }, Clock.systemUTC());

    @Test
    void aRollbackBelowTheFollowedHeightIsRefusedUntilTheChainIsBack() {
        node.chain("a", 50);
        guard.onBlock(node.head(50));
        node.chain("a", 10); // same genesis, the node went back to block 10
        guard.onBehind(node.head(10), node.head(10));
        assertThat(guard.refusal()).hasValueSatisfying(r -> assertThat(r).contains("head is #10").contains("#50")
                .contains("went backwards"));
        guard.onBlock(node.head(10));
        assertThat(decided).as("nothing decided on the rolled-back chain").containsExactly(50L);

        node.chain("a", 51);
        guard.onBlock(node.head(51));
        assertThat(guard.refusal()).isEmpty();
        assertThat(decided).containsExactly(50L, 51L);
    }

    @Test
    void anotherGenesisIsAResetAndItsReorgIsNotPassedOn() {
        node.chain("a", 50);
        guard.onBlock(node.head(50));
        node.chain("b", 60); // another chain that grew past the followed height while the keeper looked away
        BlockHead other = node.head(60);
        guard.onReorg(new Reorg(-1, List.of(), other));
        guard.onBlock(other);
        assertThat(guard.refusal()).hasValueSatisfying(r -> assertThat(r).contains("genesis block is 0xb0")
                .contains("expected 0xa0"));
        assertThat(reorgs).as("the journal's receipts are not withdrawn for another chain").isEmpty();
        assertThat(decided).containsExactly(50L);
    }

    @Test
    void missingVaultCodeIsRefusedAndAnOrdinaryReorgPassesThrough() {
        node.chain("a", 50);
        guard.onBlock(node.head(50));
        node.blocks.put(50L, "0xa50b");
        Reorg ordinary = new Reorg(49, List.of(), node.head(50));
        guard.onReorg(ordinary);
        assertThat(reorgs).containsExactly(ordinary);

        node.code.clear();
        guard.onReorg(new Reorg(-1, List.of(), node.head(50)));
        assertThat(guard.refusal()).hasValueSatisfying(r -> assertThat(r).contains("no contract code"));
        node.code.add(VAULT);
        node.blocks.put(51L, "0xa51");
        guard.onBlock(node.head(51));
        assertThat(guard.refusal()).isEmpty();
        assertThat(decided).containsExactly(50L, 51L);
    }
}
