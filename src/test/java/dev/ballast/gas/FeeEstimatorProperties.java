package dev.ballast.gas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded generated cases: each run checks the same 500 cases, so a failure reproduces. */
class FeeEstimatorProperties {
    private static final int CASES = 500;
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    static Stream<Long> seeds() {
        return IntStream.range(0, CASES).mapToObj(i -> 0xBA11A57L + i);
    }

    record QuoteCase(FeeHistory history, GasPolicy policy) {
    }

    record BumpCase(FeeQuote previous, GasPolicy policy) {
    }

    static QuoteCase quoteCase(long seed) {
        Random rnd = new Random(seed);
        long nextBase = rnd.nextLong(0, 500_000_000_001L);
        List<BigInteger> rewards = IntStream.range(0, rnd.nextInt(1, 21))
                .mapToObj(i -> BigInteger.valueOf(rnd.nextLong(0, 50_000_000_001L))).toList();
        BigInteger cap = BigInteger.valueOf(rnd.nextLong(1, 300_000_000_001L));
        BigInteger min = BigInteger.valueOf(rnd.nextLong(0, 10_000_000_001L)).min(cap);
        BigInteger max = min.add(BigInteger.valueOf(rnd.nextLong(0, 10_000_000_001L))).min(cap);
        GasPolicy policy = new GasPolicy(10, 50, cap, min, max, 10, Duration.ofSeconds(30));
        return new QuoteCase(GasFixtures.history(BigInteger.valueOf(nextBase), rewards,
                rewards.stream().map(r -> 0.5).toList()), policy);
    }

    static BumpCase bumpCase(long seed) {
        Random rnd = new Random(seed);
        // small values half the time, so rounding at a few wei is exercised
        long scale = rnd.nextBoolean() ? 1_000L : 200_000_000_000L;
        long prevPrio = rnd.nextLong(0, scale + 1);
        long prevExtra = rnd.nextLong(0, scale + 1);
        GasPolicy policy = new GasPolicy(10, 50, BigInteger.valueOf(rnd.nextLong(1, 2 * scale + 2)), BigInteger.ZERO,
                BigInteger.ZERO, rnd.nextInt(10, 101), Duration.ofSeconds(30));
        return new BumpCase(new FeeQuote(BigInteger.valueOf(prevPrio + prevExtra), BigInteger.valueOf(prevPrio)),
                policy);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void quoteRespectsPolicy(long seed) {
        QuoteCase c = quoteCase(seed);
        GasPolicy policy = c.policy();
        BigInteger cap = policy.maxFeeCap();
        BigInteger base = c.history().nextBaseFee();

        FeeDecision d = FeeEstimator.estimate(c.history(), policy);
        BigInteger prio = FeeEstimator.priorityFee(c.history(), policy);
        assertThat(prio).isBetween(policy.minPriorityFee(), policy.maxPriorityFee());
        if (base.add(prio).compareTo(cap) > 0) {
            assertThat(d).isEqualTo(new AboveCap(base, prio, cap));
        } else {
            FeeQuote q = (FeeQuote) d;
            assertThat(q.maxPriorityFeePerGas()).isEqualTo(prio);
            assertThat(q.maxFeePerGas()).isLessThanOrEqualTo(cap)
                    .isGreaterThanOrEqualTo(base.add(prio))
                    .isEqualTo(base.shiftLeft(1).add(prio).min(cap));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bumpRaisesBothFeesByAtLeastThePercentOrIsBlocked(long seed) {
        BumpCase c = bumpCase(seed);
        FeeQuote prev = c.previous();
        BigInteger cap = c.policy().maxFeeCap();
        BigInteger pct = BigInteger.valueOf(100 + c.policy().replacementBumpPercent());

        BumpResult r = ReplacementFees.bump(prev, c.policy());
        if (r instanceof BumpResult.Bumped(FeeQuote next)) {
            assertThat(next.maxFeePerGas().multiply(HUNDRED)).isGreaterThanOrEqualTo(prev.maxFeePerGas().multiply(pct));
            assertThat(next.maxPriorityFeePerGas().multiply(HUNDRED))
                    .isGreaterThanOrEqualTo(prev.maxPriorityFeePerGas().multiply(pct));
            assertThat(next.maxFeePerGas()).isGreaterThan(prev.maxFeePerGas()).isLessThanOrEqualTo(cap);
            assertThat(next.maxPriorityFeePerGas()).isGreaterThan(prev.maxPriorityFeePerGas());
        } else {
            BumpResult.BlockedByCap blocked = (BumpResult.BlockedByCap) r;
            // no max fee at or under the cap clears the bump
            assertThat(cap.multiply(HUNDRED)).isLessThan(prev.maxFeePerGas().multiply(pct));
            assertThat(blocked.requiredMaxFee()).isGreaterThan(cap);
        }
    }

    @Test
    void generatedCasesReachEveryBranch() {
        Map<String, Long> quotes = seeds().map(FeeEstimatorProperties::quoteCase)
                .map(c -> switch (FeeEstimator.estimate(c.history(), c.policy())) {
                    case AboveCap a -> "above cap";
                    case FeeQuote q when q.maxFeePerGas().equals(c.policy().maxFeeCap()) -> "clipped to cap";
                    case FeeQuote q -> "headroom";
                })
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(quotes).containsOnlyKeys("above cap", "clipped to cap", "headroom");
        assertThat(quotes.values()).allMatch(n -> n >= 20);

        Map<Boolean, Long> bumps = seeds().map(FeeEstimatorProperties::bumpCase)
                .collect(Collectors.partitioningBy(c -> ReplacementFees.bump(c.previous(), c.policy())
                        instanceof BumpResult.Bumped, Collectors.counting()));
        assertThat(bumps.values()).allMatch(n -> n >= 20);
    }
}
