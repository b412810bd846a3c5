package dev.ballast.lp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DecimalMath;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevPool.DevToken;
import dev.ballast.deploy.TokenAmounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The closed form against a real pool: arbitrage drives an on-chain pool along a price path, and its value per LP at
 * the final prices must equal the fee-free prediction V0 · Π r_i^{w_i} plus at most the swap fees the arbitrage paid
 * (each carried forward by the pool's own growth since it was paid).
 */
@ExtendWith(AnvilExtension.class)
class ImpermanentLossAnvilTest {
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final List<DevToken> TOKENS = List.of(
            new DevToken("USDC", 6, "400000", E16.multiply(BigInteger.valueOf(40))),
            new DevToken("WBTC", 8, "5", E16.multiply(BigInteger.valueOf(30))),
            new DevToken("WETH", 18, "100", E16.multiply(BigInteger.valueOf(30))));
    static final BigInteger FEE = BigInteger.valueOf(3_000_000_000_000_000L); // 0.3%
    /** Price multipliers of WBTC and WETH (in USDC) for each step of the path. */
    static final double[][] PATH = {{1.5, 0.8}, {2.0, 1.25}, {1.2, 0.6}, {1.3, 1.0}};
    /** Value error from stopping within the arbitrageur's 0.1% price tolerance: second order, ~1e-7. */
    static final BigDecimal TOLERANCE = new BigDecimal("1e-6");

    private final AnvilChain chain;

    ImpermanentLossAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void arbitragedPoolMatchesTheClosedFormWithinTheFeesPaid() throws Exception {
        String me = chain.account(0).getAddress();
        DevPool dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), me, TOKENS, FEE, 10);
        WeightedPool pool = dev.pool();
        List<BigDecimal> weights = TOKENS.stream().map(t -> TokenAmounts.fromWad(t.weight())).toList();
        BigDecimal fee = TokenAmounts.fromWad(FEE);
        List<BigDecimal> start = spotPrices(dev);
        BigDecimal startValue = valuePerLp(dev, start);

        Arbitrageur bot = new Arbitrageur(dev, me);
        List<BigDecimal> prices = start;
        List<BigDecimal> feesAt = new ArrayList<>(); // token-0 value of the fees of each step, at that step's prices
        List<List<BigDecimal>> pricesAt = new ArrayList<>();
        int swaps = 0;
        for (double[] step : PATH) {
            prices = List.of(BigDecimal.ONE, start.get(1).multiply(BigDecimal.valueOf(step[0])),
                    start.get(2).multiply(BigDecimal.valueOf(step[1])));
            BigInteger from = chain.web3j().ethBlockNumber().send().getBlockNumber().add(BigInteger.ONE);
            for (int round = 0; round < 40 && !bot.trade(prices).isEmpty(); round++) {}
            assertThat(bot.trade(prices)).as("arbitrage converged at step %s", prices).isEmpty();
            BigDecimal stepFees = BigDecimal.ZERO;
            for (WeightedPool.SwapEventResponse swap : swapsSince(dev, from)) {
                int in = dev.tokens().stream().map(t -> t.getContractAddress().toLowerCase()).toList().indexOf(swap.tokenIn.toLowerCase());
                BigDecimal amount = TokenAmounts.fromRaw(swap.amountIn, TOKENS.get(in).decimals());
                stepFees = stepFees.add(amount.multiply(fee).multiply(prices.get(in)));
                swaps++;
            }
            feesAt.add(stepFees);
            pricesAt.add(prices);
        }
        assertThat(swaps).as("the path needed arbitrage").isGreaterThan(PATH.length);

        List<BigDecimal> ratios = new ArrayList<>();
        for (int i = 0; i < 3; i++) ratios.add(prices.get(i).divide(start.get(i), DecimalMath.MC));
        BigDecimal predicted = startValue.multiply(ImpermanentLoss.poolGrowth(weights, ratios), DecimalMath.MC);
        BigDecimal actual = valuePerLp(dev, prices);
        // a fee paid at step k has since grown (or shrunk) with the pool: Π (p_end / p_k)^w
        BigDecimal supply = new BigDecimal(pool.totalSupply().send(), 18);
        BigDecimal feesCarried = BigDecimal.ZERO;
        for (int k = 0; k < feesAt.size(); k++) {
            List<BigDecimal> since = new ArrayList<>();
            for (int i = 0; i < 3; i++) since.add(prices.get(i).divide(pricesAt.get(k).get(i), DecimalMath.MC));
            feesCarried = feesCarried.add(feesAt.get(k).multiply(ImpermanentLoss.poolGrowth(weights, since)));
        }
        BigDecimal feesPerLp = feesCarried.divide(supply, DecimalMath.MC);
        BigDecimal slack = predicted.multiply(TOLERANCE);
        BigDecimal gain = actual.subtract(predicted);
        String report = "per LP: actual " + actual.round(new java.math.MathContext(12)) + ", closed form "
                + predicted.round(new java.math.MathContext(12)) + ", fees " + feesPerLp.round(new java.math.MathContext(6))
                + " (" + swaps + " swaps)";
        System.out.println("IL vs on-chain pool: " + report);
        assertThat(gain).as(report).isGreaterThanOrEqualTo(slack.negate());
        assertThat(gain).as(report).isLessThanOrEqualTo(feesPerLp.add(slack));
        // the fees are most of the gap, not a loose bound: what remains is the tolerance
        assertThat(feesPerLp.subtract(gain).abs()).as(report).isLessThanOrEqualTo(feesPerLp.multiply(new BigDecimal("0.2")).add(slack));
        // and the pool did lose against holding, as the closed form says
        BigDecimal hold = startValue.multiply(ImpermanentLoss.holdGrowth(weights, ratios), DecimalMath.MC);
        assertThat(actual).as(report).isLessThan(hold);
    }

    /** Each token's pool spot price in token 0. */
    private static List<BigDecimal> spotPrices(DevPool dev) throws Exception {
        List<BigDecimal> prices = new ArrayList<>();
        prices.add(BigDecimal.ONE);
        for (int i = 1; i < dev.tokens().size(); i++) {
            prices.add(TokenAmounts.fromWad(dev.pool().getSpotPrice(dev.address(i), dev.address(0)).send()));
        }
        return prices;
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal valuePerLp(DevPool dev, List<BigDecimal> prices) throws Exception {
        List<BigInteger> balances = (List<BigInteger>) dev.pool().getBalances().send();
        BigDecimal value = BigDecimal.ZERO;
        for (int i = 0; i < balances.size(); i++) {
            value = value.add(TokenAmounts.fromRaw(balances.get(i), TOKENS.get(i).decimals()).multiply(prices.get(i)));
        }
        return value.divide(new BigDecimal(dev.pool().totalSupply().send(), 18), DecimalMath.MC);
    }

    private List<WeightedPool.SwapEventResponse> swapsSince(DevPool dev, BigInteger from) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(from), DefaultBlockParameterName.LATEST,
                dev.pool().getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(WeightedPool.SWAP_EVENT));
        List<WeightedPool.SwapEventResponse> swaps = new ArrayList<>();
        for (EthLog.LogResult<?> r : chain.web3j().ethGetLogs(filter).send().getLogs()) {
            swaps.add(WeightedPool.getSwapEventFromLog((Log) r.get()));
        }
        return swaps;
    }
}
