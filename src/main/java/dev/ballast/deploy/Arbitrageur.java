package dev.ballast.deploy;

import dev.ballast.contracts.WeightedPool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The dev market's arbitrage bot: trades the pool back to given reference prices (the feeds), one token against
 * token 0 at a time, the way arbitrageurs restore a weighted pool's weights and pay for it. Each trade is capped below
 * the pool's 30% ratio limits; a price far away takes several calls.
 */
public final class Arbitrageur {
    private static final BigDecimal MAX_RATIO = new BigDecimal("0.29");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");
    /** Passes over the tokens a plan makes at most (as many as the benches call {@link #trade}). */
    private static final int MAX_PASSES = 8;

    private final DevPool dev;
    private final String self;

    public Arbitrageur(DevPool dev, String self) {
        this.dev = dev;
        this.self = self;
    }

    /** A swap the bot would send, and what it does ("bought 1.2 WETH"). */
    public record Swap(RemoteFunctionCall<TransactionReceipt> call, String description) {}

    /** One swap per mispriced token. {@code prices.get(i)} is token i's price in token 0 (whole tokens). */
    public List<String> trade(List<BigDecimal> prices) throws Exception {
        List<String> done = new ArrayList<>();
        for (int i = 1; i < dev.tokens().size(); i++) {
            Pool now = Pool.read(dev);
            Optional<Planned> planned = swapFor(i, prices.get(i), now);
            if (planned.isEmpty()) continue;
            planned.get().swap().call().send();
            done.add(planned.get().swap().description());
        }
        return done;
    }

    /**
     * The swaps {@link #trade} would send, planned on the pool's balances now and not sent, so that a caller can put
     * them all in one block (the scale bench does, so that no keeper sees a pool half way). Each token trades against
     * token 0, which moves token 0's balance and so every other token's price in it: each swap is planned on the
     * balances the earlier ones leave (along the pair's invariant, fees ignored: the bot lands within them), and a
     * later swap moves the earlier tokens' prices again, so the passes repeat until every token quotes its price, as
     * repeated {@link #trade} calls do.
     */
    public List<Swap> plan(List<BigDecimal> prices) throws Exception {
        Pool pool = Pool.read(dev);
        List<Swap> swaps = new ArrayList<>();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int before = swaps.size();
            for (int i = 1; i < dev.tokens().size(); i++) {
                Optional<Planned> planned = swapFor(i, prices.get(i), pool);
                if (planned.isEmpty()) continue;
                swaps.add(planned.get().swap());
                pool = pool.after(i, planned.get().balanceAfter());
            }
            if (swaps.size() == before) break;
        }
        return swaps;
    }

    /** The swap that moves token {@code i}'s price in {@code pool} towards {@code target}; empty when it quotes it. */
    private Optional<Planned> swapFor(int i, BigDecimal target, Pool pool) {
        int di = dev.specs().get(i).decimals();
        BigDecimal b0 = pool.balances().getFirst();
        BigDecimal bi = pool.balances().get(i);
        BigDecimal w0 = pool.weights().getFirst();
        BigDecimal wi = pool.weights().get(i);
        BigDecimal spot = b0.divide(w0, DecimalMath.MC).divide(bi.divide(wi, DecimalMath.MC), DecimalMath.MC);
        if (spot.subtract(target).abs().compareTo(target.multiply(TOLERANCE)) <= 0) return Optional.empty();
        BigDecimal targetBi = balanceAtPrice(b0, w0, bi, wi, target);
        WeightedPool contract = dev.pool();
        if (targetBi.compareTo(bi) < 0) {
            // token i is too cheap in the pool: buy it with token 0
            BigDecimal out = bi.subtract(targetBi).min(bi.multiply(MAX_RATIO)).setScale(di, RoundingMode.DOWN);
            BigInteger rawOut = TokenAmounts.toRaw(out, di);
            if (rawOut.signum() == 0) return Optional.empty();
            return Optional.of(new Planned(new Swap(contract.swapExactOut(dev.address(0), dev.address(i), rawOut,
                    BigInteger.TWO.pow(255), self, DevPool.FAR_FUTURE), "bought " + out.setScale(4, RoundingMode.DOWN) + " "
                    + dev.specs().get(i).symbol()), bi.subtract(out)));
        }
        BigDecimal in = targetBi.subtract(bi).min(bi.multiply(MAX_RATIO)).setScale(di, RoundingMode.DOWN);
        BigInteger rawIn = TokenAmounts.toRaw(in, di);
        if (rawIn.signum() == 0) return Optional.empty();
        return Optional.of(new Planned(new Swap(contract.swapExactIn(dev.address(i), dev.address(0), rawIn, BigInteger.ZERO,
                self, DevPool.FAR_FUTURE), "sold " + in.setScale(4, RoundingMode.DOWN) + " " + dev.specs().get(i).symbol()),
                bi.add(in)));
    }

    /** A swap not yet sent, and token i's pool balance after it. */
    private record Planned(Swap swap, BigDecimal balanceAfter) {}

    /** A pool's balances (whole tokens) and normalized weights. */
    private record Pool(List<BigDecimal> balances, List<BigDecimal> weights) {
        static Pool read(DevPool dev) throws Exception {
            List<BigInteger> raw = dev.pool().getBalances().send();
            List<BigDecimal> balances = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) balances.add(TokenAmounts.fromRaw(raw.get(i), dev.specs().get(i).decimals()));
            List<BigInteger> weights = dev.pool().getNormalizedWeights().send();
            return new Pool(balances, weights.stream().map(TokenAmounts::fromWad).toList());
        }

        /** After token i's balance moved to {@code bi}: token 0's along the pair's invariant B0^w0 · Bi^wi. */
        Pool after(int i, BigDecimal bi) {
            BigDecimal ratio = balances.get(i).divide(bi, DecimalMath.MC);
            BigDecimal exponent = weights.get(i).divide(weights.getFirst(), DecimalMath.MC);
            List<BigDecimal> next = new ArrayList<>(balances);
            next.set(0, balances.getFirst().multiply(DecimalMath.exp(exponent.multiply(DecimalMath.ln(ratio), DecimalMath.MC)),
                    DecimalMath.MC));
            next.set(i, bi);
            return new Pool(next, weights);
        }
    }

    /**
     * Token i's balance at which the pair (0, i) quotes {@code price}, keeping B0^w0 · Bi^wi constant:
     * ln Bi' = (w0 ln B0 + wi ln Bi − w0 ln(price · w0 / wi)) / (w0 + wi). Fees are ignored: the bot lands within them.
     */
    public static BigDecimal balanceAtPrice(BigDecimal b0, BigDecimal w0, BigDecimal bi, BigDecimal wi, BigDecimal price) {
        BigDecimal ratio = price.multiply(w0, DecimalMath.MC).divide(wi, DecimalMath.MC);
        BigDecimal numerator = w0.multiply(DecimalMath.ln(b0), DecimalMath.MC)
                .add(wi.multiply(DecimalMath.ln(bi), DecimalMath.MC))
                .subtract(w0.multiply(DecimalMath.ln(ratio), DecimalMath.MC));
        return DecimalMath.exp(numerator.divide(w0.add(wi), DecimalMath.MC));
    }
}
