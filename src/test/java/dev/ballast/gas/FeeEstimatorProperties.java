package dev.ballast.gas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded generated cases: each run checks the same 500 cases, so a failure reproduces. */
class FeeEstimatorProperties {
    private static final int CASES = 500;

    static Stream<Long> seeds() {
        return IntStream.range(0, CASES).mapToObj(i -> 0xBA11A57L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void quoteRespectsPolicy(long seed) {
        Random rnd = new Random(seed);
        long nextBase = rnd.nextLong(0, 500_000_000_001L);
        List<Long> rewards = IntStream.range(0, rnd.nextInt(1, 21))
                .mapToObj(i -> rnd.nextLong(0, 50_000_000_001L)).toList();
        long cap = rnd.nextLong(1, 300_000_000_001L);
        long minPrio = rnd.nextLong(0, 10_000_000_001L);
        long prioSpan = rnd.nextLong(0, 10_000_000_001L);
        BigInteger capWei = BigInteger.valueOf(cap);
        BigInteger min = BigInteger.valueOf(Math.min(minPrio, cap));
        BigInteger max = min.add(BigInteger.valueOf(prioSpan)).min(capWei);
        GasPolicy policy = new GasPolicy(10, 50, capWei, min, max, 10, Duration.ofSeconds(30));
        List<BigInteger> rw = rewards.stream().map(BigInteger::valueOf).toList();
        FeeHistory h = GasFixtures.history(BigInteger.valueOf(nextBase), rw, rw.stream().map(r -> 0.5).toList());

        FeeDecision d = FeeEstimator.estimate(h, policy);
        BigInteger base = BigInteger.valueOf(nextBase);
        BigInteger prio = FeeEstimator.priorityFee(h, policy);
        assertThat(prio).isBetween(min, max);
        if (base.add(prio).compareTo(capWei) > 0) {
            assertThat(d).isInstanceOf(AboveCap.class);
        } else {
            FeeQuote q = (FeeQuote) d;
            assertThat(q.maxPriorityFeePerGas()).isEqualTo(prio);
            assertThat(q.maxFeePerGas()).isLessThanOrEqualTo(capWei)
                    .isGreaterThanOrEqualTo(base.add(prio))
                    .isEqualTo(base.shiftLeft(1).add(prio).min(capWei));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bumpRaisesBothFeesByAtLeastThePercentOrIsBlocked(long seed) {
        Random rnd = new Random(seed);
        // small values half the time, so rounding at a few wei is exercised
        long scale = rnd.nextBoolean() ? 1_000L : 200_000_000_000L;
        long prevPrio = rnd.nextLong(0, scale + 1);
        long prevExtra = rnd.nextLong(0, scale + 1);
        int bumpPercent = rnd.nextInt(10, 101);
        long cap = rnd.nextLong(1, 2 * scale + 2);
        BigInteger capWei = BigInteger.valueOf(cap);
        GasPolicy policy = new GasPolicy(10, 50, capWei, BigInteger.ZERO, BigInteger.ZERO, bumpPercent,
                Duration.ofSeconds(30));
        FeeQuote prev = new FeeQuote(BigInteger.valueOf(prevPrio + prevExtra), BigInteger.valueOf(prevPrio));

        BumpResult r = ReplacementFees.bump(prev, policy);
        BigInteger pct = BigInteger.valueOf(100 + bumpPercent);
        BigInteger hundred = BigInteger.valueOf(100);
        if (r instanceof BumpResult.Bumped(FeeQuote next)) {
            assertThat(next.maxFeePerGas().multiply(hundred)).isGreaterThanOrEqualTo(prev.maxFeePerGas().multiply(pct));
            assertThat(next.maxPriorityFeePerGas().multiply(hundred))
                    .isGreaterThanOrEqualTo(prev.maxPriorityFeePerGas().multiply(pct));
            assertThat(next.maxFeePerGas()).isGreaterThan(prev.maxFeePerGas()).isLessThanOrEqualTo(capWei);
            assertThat(next.maxPriorityFeePerGas()).isGreaterThan(prev.maxPriorityFeePerGas());
        } else {
            BumpResult.BlockedByCap blocked = (BumpResult.BlockedByCap) r;
            assertThat(blocked.requiredMaxFee()).isGreaterThan(capWei);
            assertThat(blocked.requiredMaxFee().multiply(hundred))
                    .isGreaterThanOrEqualTo(prev.maxFeePerGas().multiply(pct));
        }
    }
}
