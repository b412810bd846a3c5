package dev.ballast.gas;

import static dev.ballast.gas.GasFixtures.gwei;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ReplacementFeesTest {
    private final GasPolicy policy = GasFixtures.policy(); // 12% bump, cap 100 gwei

    @Test
    void bumpRaisesBothFeesByThePolicyPercent() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(50), gwei(2)), policy);
        assertThat(r).isEqualTo(new BumpResult.Bumped(new FeeQuote(gwei(56), BigInteger.valueOf(2_240_000_000L))));
    }

    @Test
    void bumpRoundsUp() {
        // 12% of 7 wei is 0.84: the replacement must be 8, not 7
        BumpResult r = ReplacementFees.bump(new FeeQuote(BigInteger.valueOf(101), BigInteger.valueOf(7)), policy);
        assertThat(r).isEqualTo(new BumpResult.Bumped(new FeeQuote(BigInteger.valueOf(114), BigInteger.valueOf(8))));
    }

    @Test
    void zeroPriorityStillRises() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(10), BigInteger.ZERO), policy);
        assertThat(((BumpResult.Bumped) r).fees().maxPriorityFeePerGas()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void followsTheMarketWhenItMovedMoreThanTheBump() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(20), gwei(1)), new FeeQuote(gwei(60), gwei(4)), policy);
        assertThat(r).isEqualTo(new BumpResult.Bumped(new FeeQuote(gwei(60), gwei(4))));
    }

    @Test
    void marketAboveCapIsCappedWhenTheMinimumBumpFits() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(80), gwei(2)), new FeeQuote(gwei(150), gwei(3)), policy);
        assertThat(r).isEqualTo(new BumpResult.Bumped(new FeeQuote(gwei(100), gwei(3))));
    }

    @Test
    void priorityMayExceedPolicyMaximumWhenTheBumpRequiresIt() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(40), gwei(5)), policy);
        assertThat(((BumpResult.Bumped) r).fees().maxPriorityFeePerGas()).isEqualTo(gwei(56).divide(BigInteger.TEN));
    }

    @Test
    void blockedWhenTheMinimumBumpExceedsTheCap() {
        BumpResult r = ReplacementFees.bump(new FeeQuote(gwei(90), gwei(2)), policy);
        assertThat(r).isInstanceOf(BumpResult.BlockedByCap.class);
        BumpResult.BlockedByCap b = (BumpResult.BlockedByCap) r;
        assertThat(b.requiredMaxFee()).isEqualTo(BigInteger.valueOf(100_800_000_000L));
        assertThat(b.describe()).contains("100.8 gwei").contains("cap of 100 gwei");
    }

    @Test
    void raiseIsCeilingAndStrictlyGreater() {
        assertThat(ReplacementFees.raise(BigInteger.valueOf(100), 10)).isEqualTo(BigInteger.valueOf(110));
        assertThat(ReplacementFees.raise(BigInteger.valueOf(101), 10)).isEqualTo(BigInteger.valueOf(112));
        assertThat(ReplacementFees.raise(BigInteger.ONE, 10)).isEqualTo(BigInteger.TWO);
        assertThat(ReplacementFees.raise(BigInteger.ZERO, 10)).isEqualTo(BigInteger.ONE);
    }
}
