package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.fault.BatchLimit;
import dev.ballast.bench.fault.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.protocol.core.Response;

/**
 * A node's limits on one request, met for real through a {@link FaultProxy} between the reader and Anvil:
 * <ul>
 *   <li>batches over a size limit (the 10,000-vault run's 64-call lens batch answered with one JSON object), refused
 *       the way geth and Erigon refuse them. The read must still complete at the one pinned block, equal to a read
 *       without the limit, and the node must not be backed off: it is healthy, the batch was too big;
 *   <li>time: a busy node answers a batch only after running every call (the run's 28-call reads past the HTTP read
 *       timeout). A batch gets time per call, up to a bound that a hung node still costs.
 * </ul>
 */
@ExtendWith(AnvilExtension.class)
class VaultReaderNodeLimitsAnvilTest {
    /** Eight vaults planned one to a call: one batch of eight calls. */
    private static final VaultReaderOptions EIGHT_CALLS = new VaultReaderOptions(30_000_000, 0.7, 16, 49_152, 21_000_000);
    private static final int VAULTS = 8;

    /** One second for a request, whatever it carries: a 6-call batch that takes 6 x 300 ms overruns it. */
    private static final FailoverPolicy ONE_SECOND =
            new FailoverPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(8), 3);

    private static FailoverRpc rpc(String url) {
        return rpc(url, FailoverPolicy.defaults());
    }

    private static FailoverRpc rpc(String url, FailoverPolicy policy) {
        return new FailoverRpc(List.of(RpcEndpoint.http("node", url)), policy);
    }

    private static long height(AnvilChain chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private static List<String> fleet(LensFixture fx, int count) throws Exception {
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < count; i++) vaults.add(fx.vault(2 + i % 3, true).getContractAddress());
        return vaults;
    }

    private static List<String> fleet(LensFixture fx) throws Exception {
        return fleet(fx, VAULTS);
    }

    private static ChainSnapshot reference(AnvilChain chain, long block, List<String> vaults) {
        try (FailoverRpc direct = rpc(chain.rpcUrl())) {
            ChainSnapshot reference = new VaultReader(direct, EIGHT_CALLS).read(block, vaults, List.of());
            assertThat(reference.ethCalls()).as("one call per vault").isEqualTo(vaults.size());
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

    @Test
    void aBatchGetsTimeForEachOfItsCallsSoABusyNodeIsNotFailedOver(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx, 6);
        long head = height(chain);
        ChainSnapshot reference = reference(chain, head, vaults);

        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 1).delayPerCall(Duration.ofMillis(300))) {
            try (FailoverRpc rpc = rpc(proxy.url(), ONE_SECOND)) {
                // timed as one call, the busy node is taken for a hung one: the read fails and the node backs off
                assertThatThrownBy(() -> new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of()))
                        .isInstanceOf(RpcUnavailableException.class).hasMessageContaining("timeout");
                assertThat(rpc.status().getFirst().consecutiveFailures()).isEqualTo(1);
            }
            try (FailoverRpc rpc = rpc(proxy.url(), ONE_SECOND.withBatchTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)))) {
                assertThat(rpc.policy().requestTimeout(6)).isEqualTo(Duration.ofSeconds(11));
                assertSameSnapshot(new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of()), reference);
                assertNotBackedOff(rpc);
            }
        }
    }

    @Test
    void aHungNodeStillCostsNoMoreThanTheBoundOnOneRequest(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = fleet(fx, 6);
        long head = height(chain);
        // 6 calls x 10 s: hung, as far as a keeper is concerned; 1 s + 5 x 2 s would allow 11 s, the bound is 3 s
        FailoverPolicy bounded = ONE_SECOND.withBatchTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
        try (FaultProxy proxy = FaultProxy.start(chain.rpcUrl(), 1).delayPerCall(Duration.ofSeconds(10));
                FailoverRpc rpc = rpc(proxy.url(), bounded)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> new VaultReader(rpc, EIGHT_CALLS).read(head, vaults, List.of()))
                    .isInstanceOf(RpcUnavailableException.class).hasMessageContaining("timeout");
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(elapsedMs).as("the 3 s bound, not the 11 s the calls would allow").isBetween(2_900L, 8_000L);
            assertThat(rpc.status().getFirst().downUntil()).as("a hung node is a failing node").isNotNull();
        }
    }
}
