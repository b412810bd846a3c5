package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.fault.BatchLimit;
import dev.ballast.bench.fault.FaultProxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.protocol.core.Response;

/**
 * A node that refuses JSON-RPC batches over a size limit (the 10,000-vault run's 64-call lens batch answered with one
 * JSON object): a {@link FaultProxy} between the reader and a real Anvil answers batches over the limit the way geth
 * and Erigon do. The read must still complete at the one pinned block, equal to a read without the limit, and the
 * node must not be backed off: it is healthy, the batch was too big.
 */
@ExtendWith(AnvilExtension.class)
class VaultReaderBatchLimitAnvilTest {
    /** Eight vaults planned one to a call: one batch of eight calls. */
    private static final VaultReaderOptions EIGHT_CALLS = new VaultReaderOptions(30_000_000, 0.7, 16, 49_152, 21_000_000);
    private static final int VAULTS = 8;

    private static FailoverRpc rpc(String url) {
        return new FailoverRpc(List.of(RpcEndpoint.http("node", url)), FailoverPolicy.defaults());
    }

    private static long height(AnvilChain chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private static List<String> fleet(LensFixture fx) throws Exception {
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < VAULTS; i++) vaults.add(fx.vault(2 + i % 3, true).getContractAddress());
        return vaults;
    }

    private static ChainSnapshot reference(AnvilChain chain, long block, List<String> vaults) {
        try (FailoverRpc direct = rpc(chain.rpcUrl())) {
            ChainSnapshot reference = new VaultReader(direct, EIGHT_CALLS).read(block, vaults, List.of());
            assertThat(reference.ethCalls()).isEqualTo(VAULTS);
            return reference;
        }
    }

    private static void assertSameSnapshot(ChainSnapshot read, ChainSnapshot reference) {
        assertThat(read.blockNumber()).isEqualTo(reference.blockNumber());
        assertThat(read.timestamp()).isEqualTo(reference.timestamp());
        assertThat(read.vaults()).extracting(VaultState::address)
                .containsExactlyElementsOf(reference.vaults().stream().map(VaultState::address).toList());
        assertThat(read.vaults()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(reference.vaults());
    }

    private static void assertNotBackedOff(FailoverRpc rpc) {
        FailoverRpc.EndpointStatus status = rpc.status().getFirst();
        assertThat(status.downUntil()).as("a refused batch does not back the node off").isNull();
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastError()).isNull();
    }

    @ParameterizedTest
    @EnumSource(BatchLimit.Shape.class)
    void aBatchOverTheNodesLimitIsSplitAndTheReadEqualsTheReference(BatchLimit.Shape shape, AnvilChain chain)
            throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx);
        long head = height(chain);
        ChainSnapshot reference = reference(chain, head, vaults);

        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 1).batchLimit(new BatchLimit(3, shape));
                FailoverRpc rpc = rpc(proxy.url())) {
            ChainSnapshot read = new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of());

            assertSameSnapshot(read, reference);
            assertNotBackedOff(rpc);
            assertThat(proxy.refusedBatches()).as("the 8-call batch was refused").isPositive();
            // refused whole: 8 then 4 calls, halving to 2; answered in part: the 3 calls the node answered
            assertThat(rpc.batchCap("node")).as("the node's cap is learnt")
                    .hasValue(shape == BatchLimit.Shape.RESPONSE_TOO_LARGE ? 3 : 2);
            if (shape != BatchLimit.Shape.RESPONSE_TOO_LARGE) {
                assertThat(proxy.largestBatchRun()).as("no batch over the limit was run").isLessThanOrEqualTo(3);
            }

            long refused = proxy.refusedBatches();
            ChainSnapshot again = new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of());
            assertSameSnapshot(again, reference);
            assertThat(proxy.refusedBatches()).as("the next read starts at the remembered cap").isEqualTo(refused);
        }
    }

    @Test
    void aNodeThatTakesNoBatchesIsReadOneCallAtATimeAndPlainWeb3jBatchesAreSplitToo(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx);
        long head = height(chain);
        ChainSnapshot reference = reference(chain, head, vaults);

        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 1)
                .batchLimit(new BatchLimit(0, BatchLimit.Shape.SINGLE_OBJECT));
                FailoverRpc rpc = rpc(proxy.url())) {
            assertSameSnapshot(new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of()), reference);
            assertThat(rpc.batchCap("node")).hasValue(1);
            assertThat(proxy.largestBatchRun()).as("every call went alone").isZero();

            var chainId = rpc.web3j().ethChainId();
            var blockNumber = rpc.web3j().ethBlockNumber();
            var gasPrice = rpc.web3j().ethGasPrice();
            var answers = rpc.web3j().newBatch().add(chainId).add(blockNumber).add(gasPrice).send();
            assertThat(answers.getResponses()).extracting(Response::getId)
                    .containsExactly(chainId.getId(), blockNumber.getId(), gasPrice.getId());
            assertThat(answers.getResponses()).noneMatch(Response::hasError);
            assertNotBackedOff(rpc);
        }
    }

    @Test
    void perCallErrorsThatAreNotAboutSizeStillFailTheNodeOver(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx);
        long future = height(chain) + 1_000;
        // a node that cannot serve the pinned block answers each call with an error: another node might serve it
        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 1).batchLimit(new BatchLimit(3, BatchLimit.Shape.GETH));
                FailoverRpc rpc = rpc(proxy.url())) {
            assertThatThrownBy(() -> new VaultReader(rpc, EIGHT_CALLS).read(future, vaults, List.of()))
                    .isInstanceOf(RpcUnavailableException.class)
                    .hasMessageContaining("lens call 0 failed");
            assertThat(rpc.status().getFirst().consecutiveFailures()).isEqualTo(1);
        }
    }
}
