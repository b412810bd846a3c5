package dev.ballast.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's price path: each risky asset follows a seeded random walk with occasional shocks; asset 0 is the
 * stablecoin at 1. The same seed gives the same path, so a run can be repeated.
 */
public final class Market {
    private static final MathContext MC = new MathContext(30);
    private static final double SHOCK_PROBABILITY = 0.03;
    private final SplittableRandom random;
    private final List<BigDecimal> prices;
    private final double volPerStep;
    private final double shockProbability;

    public Market(long seed, List<BigDecimal> start, double volPerStep) {
        this(seed, start, volPerStep, SHOCK_PROBABILITY);
    }

    /** @param shockProbability chance per risky asset and step of an extra 8-20% move (the soak bench wants more) */
    public Market(long seed, List<BigDecimal> start, double volPerStep, double shockProbability) {
        this.random = new SplittableRandom(seed);
        this.prices = new ArrayList<>(start);
        this.volPerStep = volPerStep;
        this.shockProbability = shockProbability;
    }

    /** Moves every risky price one step; returns a description of a shock if one happened. */
    public String step() {
        String shock = null;
        for (int i = 1; i < prices.size(); i++) {
            // the random draw is a double; the price stays an exact decimal rounded to 8 places
            double move = volPerStep * gaussian();
            if (random.nextDouble() < shockProbability) {
                double size = (random.nextBoolean() ? 1 : -1) * (0.08 + 0.12 * random.nextDouble());
                move += size;
                shock = "shock: asset #" + i + (size > 0 ? " +" : " ") + Math.round(size * 100) + "%";
            }
            BigDecimal factor = BigDecimal.valueOf(Math.exp(move)).round(MC);
            prices.set(i, prices.get(i).multiply(factor, MC).setScale(8, RoundingMode.HALF_EVEN));
        }
        return shock;
    }

    public List<BigDecimal> prices() {
        return List.copyOf(prices);
    }

    private double gaussian() {
        // Box-Muller from the seeded generator (SplittableRandom has no nextGaussian)
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
