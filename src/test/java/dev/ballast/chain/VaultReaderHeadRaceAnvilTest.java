package dev.ballast.chain;

import static dev.ballast.chain.LensFixture.E18;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A read pinned to the head block N whose later calls a new block overtook (the bench's "chunk 1 ran at block 584, not
 * 583"): the reader must return a snapshot of N alone, never chunks of N and N+1.
 */
@ExtendWith(AnvilExtension.class)
class VaultReaderHeadRaceAnvilTest {
    /** Six vaults planned two to a call: three chunks in one batch. */
    private static final VaultReaderOptions THREE_CALLS = new VaultReaderOptions(30_000_000, 0.7, 4, 49_152, 10_000_000);

    private static FailoverRpc rpc(String url) {
        return new FailoverRpc(List.of(RpcEndpoint.http("anvil", url)), FailoverPolicy.defaults());
    }

    private static long height(AnvilChain chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private static List<String> fleet(LensFixture fx) throws Exception {
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < 6; i++) vaults.add(fx.vault(2 + i % 3, true).getContractAddress());
        return vaults;
    }

    @Test
    void aChunkThatRanOnTheNextBlockMakesTheWholeSnapshotBeReadAgainAtTheHeadBlock(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx);
        long head = height(chain);
        ChainSnapshot reference;
        try (FailoverRpc direct = rpc(chain.rpcUrl())) {
            reference = new VaultReader(direct, THREE_CALLS).read(head, vaults, List.of());
        }
        assertThat(reference.ethCalls()).isEqualTo(3);
        String asset0 = fx.tokens.get(0).getContractAddress();
        // block N+1 reprices asset 0 for every vault: a chunk read on it differs from the reference
        try (HeadRaceProxy proxy = new HeadRaceProxy(chain.rpcUrl(), 1, () -> fx.router.setPrice(asset0, E18).send());
                FailoverRpc rpc = rpc(proxy.url())) {
            ChainSnapshot read = new VaultReader(rpc, THREE_CALLS).read(head, vaults, List.of());

            assertThat(proxy.raced()).as("the batch was raced").isEqualTo(1);
            assertThat(height(chain)).as("a block was mined during the read").isEqualTo(head + 1);
            assertThat(read.blockNumber()).isEqualTo(head);
            assertThat(read.timestamp()).isEqualTo(reference.timestamp());
            assertThat(read.ethCalls()).isEqualTo(3);
            assertThat(read.vaults()).extracting(VaultState::address).containsExactlyElementsOf(vaults);
            assertThat(read.vaults()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(reference.vaults());
            assertThat(read.vaults()).allSatisfy(v -> assertThat(v.assets().getFirst().routerPrice().price())
                    .as("block N's price, not N+1's").contains(LensFixture.PRICES[0]));
        }
    }

    @Test
    void aNodeThatKeepsAnsweringAnotherBlockGetsABoundedNumberOfReadsAndAClearError(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx);
        long head = height(chain);
        try (HeadRaceProxy proxy = new HeadRaceProxy(chain.rpcUrl(), Integer.MAX_VALUE, () -> chain.rpc().mine(1));
                FailoverRpc rpc = rpc(proxy.url())) {
            VaultReader reader = new VaultReader(rpc, THREE_CALLS);
            assertThatThrownBy(() -> reader.read(head, vaults, List.of()))
                    .isInstanceOf(LensBlockMismatchException.class)
                    .hasMessageContaining("ran at block").hasMessageContaining("not " + head);
            assertThat(proxy.raced()).as("one read and three reads again, no more").isEqualTo(4);
        }
    }
}
