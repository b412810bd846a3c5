package dev.ballast.gas;

import static dev.ballast.gas.GasFixtures.gwei;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeeEstimatorTest {

    @Test
    void maxFeeIsTwiceNextBaseFeePlusPriority() {
        FeeHistory h = GasFixtures.history(gwei(20), List.of(gwei(2), gwei(3), gwei(4)), List.of(0.5, 0.6, 0.7));
        FeeDecision d = FeeEstimator.estimate(h, GasFixtures.policy());
        assertThat(d).isEqualTo(new FeeQuote(gwei(43), gwei(3)));
    }

    @Test
    void priorityIsMedianOfNonEmptyBlocksRoundedDown() {
        // empty blocks (ratio 0) report reward 0; they must not drag the median down
        FeeHistory h = GasFixtures.history(gwei(10),
                List.of(BigInteger.ZERO, BigInteger.valueOf(2_000_000_001L), BigInteger.ZERO, gwei(3)),
                List.of(0.0, 0.4, 0.0, 0.9));
        assertThat(FeeEstimator.priorityFee(h, GasFixtures.policy())).isEqualTo(BigInteger.valueOf(2_500_000_000L));
    }

    @Test
    void priorityClampedToMinimum() {
        FeeHistory h = GasFixtures.history(gwei(10), List.of(BigInteger.ONE, BigInteger.TWO), List.of(0.5, 0.5));
        assertThat(FeeEstimator.priorityFee(h, GasFixtures.policy())).isEqualTo(gwei(1));
    }

    @Test
    void priorityClampedToMaximum() {
        FeeHistory h = GasFixtures.history(gwei(10), List.of(gwei(50), gwei(70), gwei(90)), List.of(1.0, 1.0, 1.0));
        assertThat(FeeEstimator.priorityFee(h, GasFixtures.policy())).isEqualTo(gwei(5));
    }

    @Test
    void allEmptyBlocksUseMinimumPriority() {
        FeeHistory h = GasFixtures.history(gwei(10), List.of(gwei(9), gwei(9)), List.of(0.0, 0.0));
        assertThat(FeeEstimator.priorityFee(h, GasFixtures.policy())).isEqualTo(gwei(1));
    }

    @Test
    void maxFeeLoweredToCapWhenHeadroomExceedsIt() {
        FeeHistory h = GasFixtures.history(gwei(60), List.of(gwei(2)), List.of(0.5));
        assertThat(FeeEstimator.estimate(h, GasFixtures.policy())).isEqualTo(new FeeQuote(gwei(100), gwei(2)));
    }

    @Test
    void exactlyAtCapIsStillAQuote() {
        FeeHistory h = GasFixtures.history(gwei(98), List.of(gwei(2)), List.of(0.5));
        assertThat(FeeEstimator.estimate(h, GasFixtures.policy())).isEqualTo(new FeeQuote(gwei(100), gwei(2)));
    }

    @Test
    void aboveCapWhenBaseFeePlusPriorityExceedsCap() {
        FeeHistory h = GasFixtures.history(gwei(99), List.of(gwei(2)), List.of(0.5));
        FeeDecision d = FeeEstimator.estimate(h, GasFixtures.policy());
        assertThat(d).isEqualTo(new AboveCap(gwei(99), gwei(2), gwei(100)));
        assertThat(((AboveCap) d).describe())
                .isEqualTo("waiting: next base fee 99 gwei + priority 2 gwei exceeds the max fee cap of 100 gwei");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(FeeEstimator.medianDown(List.of(BigInteger.valueOf(5), BigInteger.ONE, BigInteger.valueOf(3))))
                .isEqualTo(BigInteger.valueOf(3));
        assertThat(FeeEstimator.medianDown(List.of(BigInteger.valueOf(4), BigInteger.ONE))).isEqualTo(BigInteger.TWO);
    }

    @Test
    void historyRejectsMismatchedLists() {
        assertThatThrownBy(() -> new FeeHistory(List.of(BigInteger.ONE), List.of(), List.of(), BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    @Test
    void policyRejectsBumpBelowTenPercent() {
        assertThatThrownBy(() -> new GasPolicy(10, 50, gwei(100), gwei(1), gwei(5), 9, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replacementBumpPercent");
    }

    @Test
    void policyRejectsPriorityRangeInverted() {
        assertThatThrownBy(() -> new GasPolicy(10, 50, gwei(100), gwei(6), gwei(5), 10, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minPriorityFee");
    }
}
