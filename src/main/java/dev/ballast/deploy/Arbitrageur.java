package dev.ballast.deploy;

import dev.ballast.contracts.WeightedPool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The dev market's arbitrage bot: trades the pool back to given reference prices (the feeds), one token against
 * token 0 at a time, the way arbitrageurs restore a weighted pool's weights and pay for it. Each trade is capped below
 * the pool's 30% ratio limits; a price far away takes several calls.
 */
public final class Arbitrageur {
    private static final BigDecimal MAX_RATIO = new BigDecimal("0.29");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");

    private final DevPool dev;
    private final String self;

    public Arbitrageur(DevPool dev, String self) {
        this.dev = dev;
        this.self = self;
    }

    /** One swap per mispriced token. {@code prices.get(i)} is token i's price in token 0 (whole tokens). */
    public List<String> trade(List<BigDecimal> prices) throws Exception {
        WeightedPool pool = dev.pool();
        List<String> done = new ArrayList<>();
        for (int i = 1; i < dev.tokens().size(); i++) {
            List<BigInteger> balances = pool.getBalances().send();
            List<BigInteger> weights = pool.getNormalizedWeights().send();
            int d0 = dev.specs().get(0).decimals();
            int di = dev.specs().get(i).decimals();
            BigDecimal b0 = TokenAmounts.fromRaw(balances.get(0), d0);
            BigDecimal bi = TokenAmounts.fromRaw(balances.get(i), di);
            BigDecimal w0 = TokenAmounts.fromWad(weights.get(0));
            BigDecimal wi = TokenAmounts.fromWad(weights.get(i));
            BigDecimal spot = b0.divide(w0, DecimalMath.MC).divide(bi.divide(wi, DecimalMath.MC), DecimalMath.MC);
            BigDecimal target = prices.get(i);
            if (spot.subtract(target).abs().compareTo(target.multiply(TOLERANCE)) <= 0) continue;
            BigDecimal targetBi = balanceAtPrice(b0, w0, bi, wi, target);
            if (targetBi.compareTo(bi) < 0) {
                // token i is too cheap in the pool: buy it with token 0
                BigDecimal out = bi.subtract(targetBi).min(bi.multiply(MAX_RATIO));
                BigInteger rawOut = TokenAmounts.toRaw(out.setScale(di, RoundingMode.DOWN), di);
                if (rawOut.signum() == 0) continue;
                pool.swapExactOut(dev.address(0), dev.address(i), rawOut, BigInteger.TWO.pow(255), self, DevPool.FAR_FUTURE).send();
                done.add("bought " + out.setScale(4, RoundingMode.DOWN) + " " + dev.specs().get(i).symbol());
            } else {
                BigDecimal in = targetBi.subtract(bi).min(bi.multiply(MAX_RATIO));
                BigInteger rawIn = TokenAmounts.toRaw(in.setScale(di, RoundingMode.DOWN), di);
                if (rawIn.signum() == 0) continue;
                pool.swapExactIn(dev.address(i), dev.address(0), rawIn, BigInteger.ZERO, self, DevPool.FAR_FUTURE).send();
                done.add("sold " + in.setScale(4, RoundingMode.DOWN) + " " + dev.specs().get(i).symbol());
            }
        }
        return done;
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
