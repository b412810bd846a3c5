package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.venue.QuotedCurve;
import dev.ballast.venue.WeightedCurve;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * VenueQuoteLens on Anvil against the real WeightedPoolVenue (IVenue v2 {@code quoteExactIn}): a ladder of quotes in
 * one eth_call equals the keeper's weighted model of the same pool to the wei, and a venue that cannot quote answers 0.
 */
@ExtendWith(AnvilExtension.class)
class VenueQuoteAnvilTest {
    private static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    private static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), QUARTER, QUARTER),
            new DevAsset("WETH", 18, new BigDecimal("3000"), QUARTER, QUARTER),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), QUARTER, QUARTER),
            new DevAsset("LINK", 18, new BigDecimal("15"), QUARTER, QUARTER));
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    private final AnvilChain chain;

    VenueQuoteAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void aQuoteLadderInOneCallMatchesTheWeightedModelToTheWei() throws Exception {
        DevStack stack = DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337),
                chain.account(0).getAddress(), chain.account(1).getAddress(), ASSETS, DevStack.defaultParams(new BigDecimal("0.05")),
                new BigDecimal("20000000"), new BigDecimal("200000"));
        String usdc = stack.asset(0);
        String weth = stack.asset(1);
        String venue = stack.venue().getContractAddress();
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        List<BigInteger> ladder = List.of(E18.divide(BigInteger.TEN), E18, E18.multiply(BigInteger.TEN),
                E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(100_000)));
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults())) {
            VenueQuoteReader reader = new VenueQuoteReader(rpc, 30_000_000);
            List<List<BigInteger>> quotes = reader.quote(block, List.of(
                    new VenueQuoteReader.Request(venue, weth, usdc, ladder),
                    new VenueQuoteReader.Request("0x000000000000000000000000000000000000dEaD", weth, usdc, ladder.subList(0, 2))));
            assertThat(quotes).hasSize(2);
            assertThat(quotes.get(1)).as("no code at the venue: cannot fill").containsExactly(BigInteger.ZERO, BigInteger.ZERO);

            PoolState pool = new VaultReader(rpc, VaultReaderOptions.defaults())
                    .read(block, List.of(), List.of(new VaultReader.PoolQuery(stack.weightedPool().getContractAddress(), 1))).pools().getFirst();
            PoolState.PoolTokenState in = pool.tokens().stream().filter(t -> t.token().equalsIgnoreCase(weth)).findFirst().orElseThrow();
            PoolState.PoolTokenState out = pool.tokens().stream().filter(t -> t.token().equalsIgnoreCase(usdc)).findFirst().orElseThrow();
            WeightedCurve model = new WeightedCurve(venue, "ballast", in.balance(), 18, in.weight(), out.balance(), 6, out.weight(),
                    pool.swapFee(), 150_000);
            List<BigInteger> ladderQuotes = quotes.get(0);
            for (int k = 0; k < ladder.size(); k++) {
                BigInteger expected = model.amountOut(ladder.get(k)).orElse(BigInteger.ZERO);
                assertThat(ladderQuotes.get(k)).as("quote of %s WETH", ladder.get(k)).isEqualTo(expected);
            }
            assertThat(ladderQuotes.get(4)).as("100,000 WETH is above the pool's 30% ratio limit").isZero();

            // a curve through the ladder: exact at its points, never above the model between them (concave)
            QuotedCurve quoted = new QuotedCurve(venue, "quoted", ladder, ladderQuotes, 150_000);
            assertThat(quoted.amountOut(ladder.get(2))).contains(ladderQuotes.get(2));
            BigInteger between = E18.multiply(BigInteger.valueOf(55));
            assertThat(quoted.amountOut(between).orElseThrow()).isLessThanOrEqualTo(model.amountOut(between).orElseThrow());
            assertThat(quoted.amountOut(ladder.get(4))).isEmpty();

            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                long t0 = System.nanoTime();
                reader.quote(block, List.of(new VenueQuoteReader.Request(venue, weth, usdc, ladder.subList(0, 4)),
                        new VenueQuoteReader.Request(venue, usdc, weth, List.of(BigInteger.TEN.pow(9), BigInteger.TEN.pow(10)))));
                nanos.add(System.nanoTime() - t0);
            }
            Collections.sort(nanos);
            System.out.printf("venue quote ladders: 2 ladders, 6 quoteExactIn calls in one eth_call: p50 %.2f ms, max %.2f ms%n",
                    nanos.get(10) / 1e6, nanos.get(20) / 1e6);
        }
    }
}
