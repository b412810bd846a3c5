package dev.ballast.deploy.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockERC20;
import dev.ballast.deploy.DecimalMath;
import dev.ballast.deploy.DevGas;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The real Uniswap V2, Uniswap V3 and Balancer V2 bytecode deployed from Java on Anvil, each swapped both ways with
 * tokens of 6, 8 and 18 decimals, every output checked against the protocol's formula computed here by hand from the
 * state read just before the swap. Prints the gas of one swap on each protocol (the direct-swap reference the venue
 * adapters' overhead is measured against).
 */
@ExtendWith(AnvilExtension.class)
class ProtocolFixturesAnvilTest {
    private static final MathContext MC = new MathContext(50);
    private final AnvilChain anvil;
    private RawChain chain;
    private String me;
    private String usdc;
    private String wbtc;
    private String weth;

    ProtocolFixturesAnvilTest(AnvilChain anvil) {
        this.anvil = anvil;
    }

    @BeforeEach
    void tokens() throws Exception {
        chain = new RawChain(anvil.web3j(), anvil.txManager(0), 31337);
        me = anvil.account(0).getAddress();
        usdc = token("USDC", 6);
        wbtc = token("WBTC", 8);
        weth = token("WETH", 18);
    }

    private String token(String symbol, int decimals) throws Exception {
        String t = MockERC20.deploy(anvil.web3j(), anvil.txManager(0), DevGas.provider(31337), symbol + " (test)", symbol,
                BigInteger.valueOf(decimals)).send().getContractAddress();
        Erc20.mint(chain, t, me, BigInteger.TEN.pow(decimals + 12));
        return t;
    }

    private static BigInteger units(String whole, int decimals) {
        return new BigDecimal(whole).movePointRight(decimals).toBigIntegerExact();
    }

    @Test
    void uniswapV2PairPaysExactlyTheConstantProductAmountAndNotOneUnitMore() throws Exception {
        UniswapV2 v2 = UniswapV2.deploy(chain);
        String usdcWeth = v2.createPair(usdc, weth);
        v2.addLiquidity(usdcWeth, usdc, units("3000000", 6), weth, units("1000", 18));
        String wbtcWeth = v2.createPair(wbtc, weth);
        v2.addLiquidity(wbtcWeth, wbtc, units("50", 8), weth, units("1000", 18));

        long gas = v2Swap(v2, usdcWeth, weth, units("2", 18), usdc);
        v2Swap(v2, usdcWeth, usdc, units("12345.678901", 6), weth);
        v2Swap(v2, wbtcWeth, wbtc, units("0.12345678", 8), weth);
        v2Swap(v2, wbtcWeth, weth, units("7", 18), wbtc);
        System.out.println("gas used: Uniswap V2 pair.swap " + gas + " (tokens sent in a transaction before)");
    }

    private long v2Swap(UniswapV2 v2, String pair, String in, BigInteger amountIn, String out) throws Exception {
        UniswapV2.Reserves r = v2.reserves(pair, in);
        // getAmountOut by hand: (in · 997 · Rout) / (Rin · 1000 + in · 997)
        BigInteger expected = amountIn.multiply(BigInteger.valueOf(997)).multiply(r.out())
                .divide(r.in().multiply(BigInteger.valueOf(1000)).add(amountIn.multiply(BigInteger.valueOf(997))));
        assertThat(UniswapV2.amountOut(amountIn, r)).isEqualTo(expected);
        String snapshot = anvil.rpc().snapshot();
        assertThatThrownBy(() -> v2.swap(pair, in, amountIn, expected.add(BigInteger.ONE), me))
                .hasMessageContaining("UniswapV2: K");
        anvil.rpc().revert(snapshot);
        BigInteger before = Erc20.balanceOf(chain, out, me);
        TransactionReceipt receipt = v2.swap(pair, in, amountIn, expected, me);
        assertThat(Erc20.balanceOf(chain, out, me).subtract(before)).isEqualTo(expected);
        UniswapV2.Reserves after = v2.reserves(pair, in);
        assertThat(after.in()).isEqualTo(r.in().add(amountIn));
        assertThat(after.out()).isEqualTo(r.out().subtract(expected));
        return receipt.getGasUsed().longValueExact();
    }

    @Test
    void uniswapV3PoolSwapsThroughTheSwapRouterAtTheConcentratedLiquidityFormula() throws Exception {
        UniswapV3 v3 = UniswapV3.deploy(chain);
        UniswapV3.Pool wethUsdc = v3.createPool(weth, 18, usdc, 6, 500, new BigDecimal("3000"));
        UniswapV3.Pool wbtcWeth = v3.createPool(wbtc, 8, weth, 18, 3000, new BigDecimal("20"));
        mint(v3, wethUsdc, weth, "1000", usdc, "3000000");
        mint(v3, wbtcWeth, wbtc, "50", weth, "1000");

        // a realistic price, far from tick 0 (a bitmap word boundary), as the pool was asked to start at
        UniswapV3.Slot0 s = v3.slot0(wethUsdc);
        assertThat(s.tick()).isNotZero();
        BigDecimal wethInUsdc = wethUsdc.token0().equalsIgnoreCase(weth)
                ? UniswapV3.price1Per0(s.sqrtPriceX96(), 18, 6)
                : BigDecimal.ONE.divide(UniswapV3.price1Per0(s.sqrtPriceX96(), 6, 18), MC);
        assertThat(wethInUsdc.subtract(new BigDecimal("3000")).abs()).isLessThan(new BigDecimal("0.000001"));
        assertThat(v3.liquidity(wethUsdc)).isPositive();

        long gas = v3Swap(v3, wethUsdc, weth, units("2", 18));
        v3Swap(v3, wethUsdc, usdc, units("12345.678901", 6));
        v3Swap(v3, wbtcWeth, wbtc, units("0.12345678", 8));
        v3Swap(v3, wbtcWeth, weth, units("7", 18));
        System.out.println("gas used: Uniswap V3 SwapRouter.exactInputSingle " + gas + " (pool.swap + callback + router)");
    }

    /** Full-range liquidity of {@code wholeA} of {@code a} and {@code wholeB} of the other token, in pool order. */
    private void mint(UniswapV3 v3, UniswapV3.Pool pool, String a, String wholeA, String b, String wholeB) throws Exception {
        boolean aIsZero = pool.token0().equalsIgnoreCase(a);
        BigInteger amount0 = units(aIsZero ? wholeA : wholeB, pool.decimals0());
        BigInteger amount1 = units(aIsZero ? wholeB : wholeA, pool.decimals1());
        v3.mintFullRange(pool, amount0, amount1, me);
    }

    private long v3Swap(UniswapV3 v3, UniswapV3.Pool pool, String in, BigInteger amountIn) throws Exception {
        UniswapV3.Slot0 s = v3.slot0(pool);
        BigInteger liquidity = v3.liquidity(pool);
        boolean zeroForOne = pool.token0().equalsIgnoreCase(in);
        BigInteger expected = v3ExactIn(s.sqrtPriceX96(), liquidity, amountIn, pool.fee(), zeroForOne);
        String out = pool.other(in);
        BigInteger noLimit = zeroForOne ? UniswapV3.NO_LIMIT_DOWN : UniswapV3.NO_LIMIT_UP;
        // the formula is the most the pool pays: one unit more as the router's minimum out reverts
        assertThatThrownBy(() -> v3.exactInputSingle(pool, in, amountIn, expected.add(BigInteger.ONE), noLimit, me))
                .hasMessageContaining("Too little received");
        BigInteger before = Erc20.balanceOf(chain, out, me);
        BigInteger inBefore = Erc20.balanceOf(chain, in, me);
        TransactionReceipt receipt = v3.exactInputSingle(pool, in, amountIn, expected, noLimit, me);
        UniswapV3.Slot0 after = v3.slot0(pool);
        // one swap step: the formula holds while the swap stays inside one tick-bitmap word (no boundary to stop at)
        assertThat(Math.floorDiv(after.tick(), pool.tickSpacing()) >> 8).isEqualTo(Math.floorDiv(s.tick(), pool.tickSpacing()) >> 8);
        assertThat(Erc20.balanceOf(chain, out, me).subtract(before)).isEqualTo(expected);
        assertThat(inBefore.subtract(Erc20.balanceOf(chain, in, me))).isEqualTo(amountIn);
        return receipt.getGasUsed().longValueExact();
    }

    /**
     * Uniswap V3's SwapMath for an exact-input step that ends inside the current liquidity: the fee (pips) comes off
     * the input rounded down, the next sqrt price rounds in the pool's favour, the output rounds down.
     */
    static BigInteger v3ExactIn(BigInteger sqrtP, BigInteger l, BigInteger amountIn, int feePips, boolean zeroForOne) {
        BigInteger q96 = BigInteger.TWO.pow(96);
        BigInteger lessFee = amountIn.multiply(BigInteger.valueOf(1_000_000 - feePips)).divide(BigInteger.valueOf(1_000_000));
        if (zeroForOne) {
            // sqrtNext = ceil(L·2^96·sqrtP / (L·2^96 + in·sqrtP)); out = floor(L·(sqrtP − sqrtNext) / 2^96)
            BigInteger num = l.shiftLeft(96).multiply(sqrtP);
            BigInteger den = l.shiftLeft(96).add(lessFee.multiply(sqrtP));
            BigInteger sqrtNext = num.add(den).subtract(BigInteger.ONE).divide(den);
            return l.multiply(sqrtP.subtract(sqrtNext)).divide(q96);
        }
        // sqrtNext = sqrtP + floor(in·2^96 / L); out = floor(floor(L·2^96·(sqrtNext − sqrtP) / sqrtNext) / sqrtP)
        BigInteger sqrtNext = sqrtP.add(lessFee.shiftLeft(96).divide(l));
        return l.shiftLeft(96).multiply(sqrtNext.subtract(sqrtP)).divide(sqrtNext).divide(sqrtP);
    }

    @Test
    void balancerWeightedPoolSwapsThroughTheVaultAtTheWeightedMathFormula() throws Exception {
        BalancerV2 balancer = BalancerV2.deploy(chain, weth);
        BigInteger e16 = BigInteger.TEN.pow(16);
        BigInteger fee = BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(3));
        BalancerV2.Pool eightyTwenty = balancer.createPool("80WETH-20USDC", "B-80WETH-20USDC", List.of(
                new BalancerV2.Member(weth, e16.multiply(BigInteger.valueOf(80)), units("800", 18)),
                new BalancerV2.Member(usdc, e16.multiply(BigInteger.valueOf(20)), units("600000", 6))), fee);
        BalancerV2.Pool threeWay = balancer.createPool("WBTC-WETH-USDC", "B-3", List.of(
                new BalancerV2.Member(wbtc, e16.multiply(BigInteger.valueOf(40)), units("20", 8)),
                new BalancerV2.Member(weth, e16.multiply(BigInteger.valueOf(30)), units("200", 18)),
                new BalancerV2.Member(usdc, e16.multiply(BigInteger.valueOf(30)), units("900000", 6))), fee);
        assertThat(balancer.balances(eightyTwenty)).hasSize(2).allMatch(b -> b.signum() > 0);
        assertThat(balancer.swapFee(eightyTwenty)).isEqualTo(fee);

        long gas = balancerSwap(balancer, eightyTwenty, weth, 18, usdc, 6, units("2", 18));
        balancerSwap(balancer, eightyTwenty, usdc, 6, weth, 18, units("12345.678901", 6));
        balancerSwap(balancer, threeWay, wbtc, 8, usdc, 6, units("0.12345678", 8));
        balancerSwap(balancer, threeWay, weth, 18, wbtc, 8, units("7", 18));
        System.out.println("gas used: Balancer V2 Vault.swap (GIVEN_IN, weighted pool) " + gas);
    }

    private long balancerSwap(BalancerV2 balancer, BalancerV2.Pool pool, String in, int decIn, String out, int decOut,
            BigInteger amountIn) throws Exception {
        int i = pool.tokens().indexOf(in);
        int o = pool.tokens().indexOf(out);
        List<BigInteger> balances = balancer.balances(pool);
        List<BigInteger> weights = balancer.weights(pool);
        BigDecimal fee = new BigDecimal(balancer.swapFee(pool), 18);
        // WeightedMath: out = Bout · (1 − (Bin / (Bin + in·(1 − fee)))^(wIn / wOut)), whole-token units
        BigDecimal bIn = new BigDecimal(balances.get(i), decIn);
        BigDecimal bOut = new BigDecimal(balances.get(o), decOut);
        BigDecimal aIn = new BigDecimal(amountIn, decIn).multiply(BigDecimal.ONE.subtract(fee));
        BigDecimal exponent = new BigDecimal(weights.get(i)).divide(new BigDecimal(weights.get(o)), MC);
        BigDecimal base = bIn.divide(bIn.add(aIn), MC);
        BigDecimal exact = bOut.multiply(BigDecimal.ONE.subtract(DecimalMath.exp(DecimalMath.ln(base).multiply(exponent, MC))), MC);
        BigInteger exactRaw = exact.movePointRight(decOut).toBigInteger();
        BigInteger before = Erc20.balanceOf(chain, out, me);
        TransactionReceipt receipt = balancer.swapGivenIn(pool, in, out, amountIn, BigInteger.ONE, me);
        BigInteger got = Erc20.balanceOf(chain, out, me).subtract(before);
        // the pool rounds its power up and the output down, so it pays at most the exact amount; how much less is the
        // April 2021 LogExpMath's error in the power (up to 6.3e-10 of the balance out on these swaps), bounded at
        // 1e-9 of the balance: a fee or weight mistake moves the output by 1e-5 of the balance or more
        BigInteger slack = balances.get(o).divide(BigInteger.TEN.pow(9)).add(BigInteger.TWO);
        assertThat(got).isLessThanOrEqualTo(exactRaw).isGreaterThanOrEqualTo(exactRaw.subtract(slack));
        assertThat(balancer.balances(pool).get(i)).isEqualTo(balances.get(i).add(amountIn));
        return receipt.getGasUsed().longValueExact();
    }

    @Test
    void balancerRefusesAMinOutAboveWhatThePoolPays() throws Exception {
        BalancerV2 balancer = BalancerV2.deploy(chain, weth);
        BigInteger e16 = BigInteger.TEN.pow(16);
        BalancerV2.Pool pool = balancer.createPool("80WETH-20USDC", "B", List.of(
                new BalancerV2.Member(weth, e16.multiply(BigInteger.valueOf(80)), units("800", 18)),
                new BalancerV2.Member(usdc, e16.multiply(BigInteger.valueOf(20)), units("600000", 6))), BigInteger.TEN.pow(15));
        // 1 WETH at spot 3000 USDC minus a 0.1% fee pays < 2997 USDC: asking for 2997 must revert (BAL#507, swap limit)
        assertThatThrownBy(() -> balancer.swapGivenIn(pool, weth, usdc, units("1", 18), units("2997", 6), me))
                .hasMessageContaining("BAL#507");
    }
}
