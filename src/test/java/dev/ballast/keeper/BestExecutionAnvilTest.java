package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.gas.GasPolicy;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Best execution through the assembled keeper on Anvil, with today's one venue (the Ballast pool's WeightedPoolVenue):
 * the decision row in the journal and the keeper's log line name the venue, the expected and oracle-implied amounts
 * and the slippage, and every expected amount is what the real pool then paid, to the wei.
 */
@ExtendWith(AnvilExtension.class)
class BestExecutionAnvilTest {
    private static final Pattern FILL = Pattern.compile("(0x[0-9a-fA-F]{40}) \\(ballast [0-9.]+%\\) (\\d+) -> (\\d+); expected out "
            + "(\\d+), oracle-implied (\\d+), slippage (-?[0-9.]+) bps");

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private KeeperRuntime runtime;
    private final List<Keeper.Outcome> outcomes = new CopyOnWriteArrayList<>();

    BestExecutionAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337),
                chain.account(0).getAddress(), chain.account(1).getAddress(), KeeperAnvilTest.ASSETS,
                DevStack.defaultParams(KeeperAnvilTest.BAND), new BigDecimal("20000000"), new BigDecimal("200000"));
        GasPolicy gas = new GasPolicy(10, 50, KeeperAnvilTest.GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE,
                KeeperAnvilTest.GWEI.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5));
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(31337, List.of(RpcEndpoint.http("anvil", chain.rpcUrl())),
                Optional.empty(), chain.account(1),
                List.of(new KeeperRuntime.VaultSpec("demo", stack.vault().getContractAddress(), ValueUnits.ofWhole(100),
                        BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofMillis(200), dir.resolve("journal.db"),
                new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
        runtime = KeeperRuntime.create(settings, new KeeperEvents() {
            @Override
            public void decided(Keeper.Outcome outcome) {
                outcomes.add(outcome);
            }
        });
    }

    @AfterEach
    void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void theJournalAndLogShowTheRouteAndThePoolPaysExactlyTheExpectedAmounts() throws Exception {
        KeeperFixture.shockWeth(stack, chain.rpc(), "4800");
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        Keeper.Outcome done = runtime.keeper().tick(block).getFirst();
        assertThat(done.kind()).as(done.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);

        String venue = stack.venue().getContractAddress();
        var row = runtime.journal().recentDecisions(10).stream().filter(d -> d.decision().equals("REBALANCE")).findFirst().orElseThrow();
        assertThat(row.reason()).contains("route leg 1 ", "single venue: " + venue + " (ballast ");
        Keeper.Outcome sent = outcomes.stream().filter(o -> o.kind() == Keeper.Outcome.Kind.SENT).findFirst().orElseThrow();
        assertThat(sent.message()).as("the keeper's log line carries the same route").contains(row.reason());

        List<Fill> fills = new ArrayList<>();
        Matcher m = FILL.matcher(row.reason());
        while (m.find()) {
            fills.add(new Fill(m.group(1), new BigInteger(m.group(2)), new BigInteger(m.group(3)), new BigInteger(m.group(5)),
                    new BigDecimal(m.group(6))));
        }
        assertThat(fills).as(row.reason()).isNotEmpty();
        List<WeightedPool.SwapEventResponse> swaps = swapsSince(row.blockNumber());
        assertThat(swaps).hasSameSizeAs(fills);
        for (Fill f : fills) {
            assertThat(f.venue()).isEqualTo(venue);
            WeightedPool.SwapEventResponse swap = swaps.stream().filter(s -> s.amountIn.equals(f.amountIn())).findFirst()
                    .orElseThrow(() -> new AssertionError("no swap of " + f.amountIn() + " in " + swaps.size() + " swaps"));
            // equal pool weights: the model is the pool's integer formula, and each leg is priced on the pool the
            // previous legs of the call left behind
            assertThat(swap.amountOut).as("pool paid vs keeper expected").isEqualTo(f.expectedOut());
            // slippage is measured against the oracle: the pool was arbitraged to the feeds, so only fee and impact
            BigDecimal recomputed = new BigDecimal(f.oracleOut().subtract(f.expectedOut())).multiply(BigDecimal.valueOf(10_000))
                    .divide(new BigDecimal(f.oracleOut()), 2, java.math.RoundingMode.HALF_UP);
            assertThat(f.slippageBps()).isEqualByComparingTo(recomputed);
            assertThat(f.slippageBps()).isBetween(new BigDecimal("29"), new BigDecimal("200")); // 0.3% fee plus impact
        }
    }

    /**
     * What routing adds to the keeper's one lens read per block: the vault's pool, in the same eth_call. Prints the
     * read's latency with and without it on this machine.
     */
    @Test
    void thePoolRidesInTheBlocksOneLensReadAndItsCostIsMeasured() throws Exception {
        VaultReader reader = new VaultReader(runtime.rpc(), dev.ballast.chain.VaultReaderOptions.defaults());
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        List<VaultReader.VaultQuery> vault = List.of(new VaultReader.VaultQuery(stack.vault().getContractAddress(),
                stack.venue().getContractAddress()));
        List<VaultReader.PoolQuery> pools = LegRouting.poolQueries(List.of(new ManagedVault("demo", stack.vault().getContractAddress(),
                stack.venue().getContractAddress(), stack.weightedPool().getContractAddress(), 0, 0, 0, 0)));
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        long gasWithout = 0;
        long gasWith = 0;
        for (int i = 0; i < 25; i++) {
            long t0 = System.nanoTime();
            var plain = reader.readWithVenues(block, vault, List.of());
            long t1 = System.nanoTime();
            var routed = reader.readWithVenues(block, vault, pools);
            long t2 = System.nanoTime();
            assertThat(routed.ethCalls()).as("no extra eth_call").isEqualTo(plain.ethCalls()).isEqualTo(1);
            assertThat(routed.pools().getFirst().tokens()).hasSize(4);
            without.add(t1 - t0);
            with.add(t2 - t1);
            gasWithout = plain.lensGas();
            gasWith = routed.lensGas();
        }
        Collections.sort(without);
        Collections.sort(with);
        System.out.printf("best execution: block read p50 %.2f ms (lens gas %,d) without the pool, %.2f ms (lens gas %,d) with it%n",
                without.get(12) / 1e6, gasWithout, with.get(12) / 1e6, gasWith);
        assertThat(gasWith).isGreaterThan(gasWithout);
    }

    private List<WeightedPool.SwapEventResponse> swapsSince(long fromBlock) throws Exception {
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(fromBlock),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, stack.weightedPool().getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WeightedPool.SWAP_EVENT));
        List<WeightedPool.SwapEventResponse> swaps = new ArrayList<>();
        for (EthLog.LogResult<?> r : chain.web3j().ethGetLogs(filter).send().getLogs()) {
            Log log = (Log) r.get();
            if (!log.getTransactionHash().isEmpty()) swaps.add(WeightedPool.getSwapEventFromLog(log));
        }
        return swaps;
    }

    private record Fill(String venue, BigInteger amountIn, BigInteger expectedOut, BigInteger oracleOut, BigDecimal slippageBps) {}
}
