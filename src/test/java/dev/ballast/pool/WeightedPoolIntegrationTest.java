package dev.ballast.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevPool.DevToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ballast.deploy.DecimalMath;
import dev.ballast.deploy.DevGas;

/**
 * The pool through its generated wrappers on Anvil: every state change is checked to the wei against the pool's own
 * query functions, and swap outputs against the exact formula.
 */
@ExtendWith(AnvilExtension.class)
class WeightedPoolIntegrationTest {
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final List<DevToken> TOKENS = List.of(
            new DevToken("USDC", 6, "400000", E16.multiply(BigInteger.valueOf(40))),
            new DevToken("WBTC", 8, "5", E16.multiply(BigInteger.valueOf(30))),
            new DevToken("WETH", 18, "100", E16.multiply(BigInteger.valueOf(30))));
    static final BigInteger FEE = BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(3)); // 0.3%

    private final AnvilChain chain;
    private DevPool dev;
    private WeightedPool pool;
    private String me;

    WeightedPoolIntegrationTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        me = chain.account(0).getAddress();
        dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), me, TOKENS, FEE, 10);
        pool = dev.pool();
    }

    @Test
    void joinSwapBothWaysAndExitMatchTheQueriesToTheWei() throws Exception {
        // proportional join
        BigInteger lp = BigInteger.TEN.pow(18);
        List<BigInteger> quotedIn = pool.queryJoin(lp).send();
        List<BigInteger> before = balances();
        BigInteger lpBefore = pool.balanceOf(me).send();
        pool.joinPool(lp, maxAll(), me, DevPool.FAR_FUTURE).send();
        assertThat(diff(before, balances())).containsExactlyElementsOf(quotedIn);
        assertThat(pool.balanceOf(me).send().subtract(lpBefore)).isEqualTo(lp);

        // exact-in USDC -> WETH, then exact-in WETH -> USDC
        assertSwapIn(0, 2, new BigInteger("2500000000")); // 2,500 USDC
        assertSwapIn(2, 0, new BigInteger("750000000000000000")); // 0.75 WETH

        // exact-out WBTC for WETH
        BigInteger out = BigInteger.valueOf(1_000_000); // 0.01 WBTC
        BigInteger quoted = pool.querySwapExactOut(dev.address(2), dev.address(1), out).send();
        before = balances();
        pool.swapExactOut(dev.address(2), dev.address(1), out, quoted, me, DevPool.FAR_FUTURE).send();
        List<BigInteger> after = balances();
        assertThat(before.get(2).subtract(after.get(2))).isEqualTo(quoted);
        assertThat(after.get(1).subtract(before.get(1))).isEqualTo(out);

        // single-token join and exit
        BigInteger usdcIn = BigInteger.valueOf(1_000_000_000); // 1,000 USDC
        BigInteger lpQuoted = pool.queryJoinSingle(dev.address(0), usdcIn).send();
        lpBefore = pool.balanceOf(me).send();
        pool.joinSingle(dev.address(0), usdcIn, lpQuoted, me, DevPool.FAR_FUTURE).send();
        assertThat(pool.balanceOf(me).send().subtract(lpBefore)).isEqualTo(lpQuoted);
        BigInteger wethQuoted = pool.queryExitSingle(dev.address(2), lpQuoted).send();
        before = balances();
        pool.exitSingle(dev.address(2), lpQuoted, wethQuoted, me, DevPool.FAR_FUTURE).send();
        assertThat(balances().get(2).subtract(before.get(2))).isEqualTo(wethQuoted);

        // proportional exit of everything we hold
        BigInteger all = pool.balanceOf(me).send();
        List<BigInteger> quotedOut = pool.queryExit(all).send();
        before = balances();
        pool.exitPool(all, List.of(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO), me, DevPool.FAR_FUTURE).send();
        assertThat(diff(balances(), before)).containsExactlyElementsOf(quotedOut);
        assertThat(pool.balanceOf(me).send()).isZero();
        assertThat(pool.totalSupply().send()).as("the locked minimum supply stays").isPositive();

        // the pool holds at least what it accounts for
        List<BigInteger> accounted = pool.getBalances().send();
        for (int i = 0; i < 3; i++) {
            assertThat(dev.tokens().get(i).balanceOf(pool.getContractAddress()).send()).isGreaterThanOrEqualTo(accounted.get(i));
        }
    }

    @Test
    void swapOutputNeverExceedsTheExactResultAndIsWithin1e12() throws Exception {
        SplittableRandom random = new SplittableRandom(20261125);
        List<BigInteger> balances = pool.getBalances().send();
        List<BigInteger> weights = pool.getNormalizedWeights().send();
        BigDecimal fee = new BigDecimal(FEE, 18);
        for (int n = 0; n < 40; n++) {
            int i = random.nextInt(3);
            int o = (i + 1 + random.nextInt(2)) % 3;
            // between 1e-6 and 25% of the in-balance
            BigDecimal fraction = BigDecimal.valueOf(random.nextLong(1, 250_000_000L), 9);
            BigInteger amountIn = new BigDecimal(balances.get(i)).multiply(fraction).toBigInteger().max(BigInteger.TEN);
            BigInteger onChain = pool.querySwapExactIn(dev.address(i), dev.address(o), amountIn).send();
            int di = TOKENS.get(i).decimals();
            int dout = TOKENS.get(o).decimals();
            BigDecimal exact = DecimalMath.outGivenIn(
                    new BigDecimal(balances.get(i), di), new BigDecimal(weights.get(i), 18),
                    new BigDecimal(balances.get(o), dout), new BigDecimal(weights.get(o), 18),
                    new BigDecimal(amountIn, di), fee).movePointRight(dout);
            String where = "swap " + amountIn + " of token " + i + " for token " + o;
            assertThat(new BigDecimal(onChain)).as(where + " exceeds the exact result").isLessThanOrEqualTo(exact);
            // below the exact result by at most 1e-12 relative, plus the truncation to the token's decimals
            BigDecimal floor = exact.multiply(BigDecimal.ONE.subtract(new BigDecimal("1e-12")), DecimalMath.MC)
                    .subtract(BigDecimal.ONE);
            assertThat(new BigDecimal(onChain)).as(where + " is too far below the exact result " + exact)
                    .isGreaterThanOrEqualTo(floor);
        }
    }

    private void assertSwapIn(int in, int out, BigInteger amountIn) throws Exception {
        BigInteger quoted = pool.querySwapExactIn(dev.address(in), dev.address(out), amountIn).send();
        List<BigInteger> poolBefore = pool.getBalances().send();
        List<BigInteger> before = balances();
        pool.swapExactIn(dev.address(in), dev.address(out), amountIn, quoted, me, DevPool.FAR_FUTURE).send();
        List<BigInteger> after = balances();
        assertThat(before.get(in).subtract(after.get(in))).isEqualTo(amountIn);
        assertThat(after.get(out).subtract(before.get(out))).isEqualTo(quoted);
        List<BigInteger> poolAfter = pool.getBalances().send();
        assertThat(poolAfter.get(in).subtract(poolBefore.get(in))).isEqualTo(amountIn);
        assertThat(poolBefore.get(out).subtract(poolAfter.get(out))).isEqualTo(quoted);
    }

    private List<BigInteger> balances() throws Exception {
        List<BigInteger> result = new ArrayList<>();
        for (MockERC20 token : dev.tokens()) result.add(token.balanceOf(me).send());
        return result;
    }

    private static List<BigInteger> diff(List<BigInteger> a, List<BigInteger> b) {
        List<BigInteger> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) d.add(a.get(i).subtract(b.get(i)));
        return d;
    }

    private static List<BigInteger> maxAll() {
        BigInteger max = BigInteger.TWO.pow(255);
        return List.of(max, max, max);
    }
}
