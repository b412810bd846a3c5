package dev.ballast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.ballast.venue.VenueSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VenueCostsTest {
    private static VenueCosts of(double gasValuePerUnit, String... specs) {
        return new VenueCosts(java.util.Arrays.stream(specs).map(VenueSpec::parse).toList(), gasValuePerUnit);
    }

    @Test
    void aV2VenueChargesItsFeeAndTheConstantProductImpact() {
        VenueCosts v2 = of(0, "v2:30:1e7");
        double x = 100_000;
        // out = 0.997x·L / (L + 0.997x) with L = 1e7 on both sides at price 1
        double out = 0.997 * x * 1e7 / (1e7 + 0.997 * x);
        assertThat(v2.fee(x)).isCloseTo(300, offset(1e-6));
        assertThat(v2.impact(x)).isCloseTo(x - out - 300, offset(0.01));
        assertThat(CostModel.ofVenues(v2, GasModel.NONE).fee(x)).isEqualTo(v2.fee(x));
    }

    @Test
    void aDeepV3PoolAtFiveBpsIsCheaperThanABalancer8020AtThirty() {
        double x = 1_000_000;
        VenueCosts v3 = of(0, "v3:5:2e9:2");
        VenueCosts balancer = of(0, "balancer:30:4e7:80/20");
        assertThat(v3.fee(x)).isCloseTo(500, offset(1e-6));
        assertThat(balancer.fee(x)).isCloseTo(3000, offset(1e-6));
        assertThat(v3.fee(x) + v3.impact(x)).isLessThan(balancer.fee(x) + balancer.impact(x));
        // 80/20 selling the 80% side: out/in at the margin is w_in/w_out × B_out/B_in = 1, so impact only grows with size
        assertThat(balancer.impact(4 * x)).isGreaterThan(4 * balancer.impact(x));
    }

    @Test
    void twoPoolsSplitALargeSwapAndCostLessThanOne() {
        double x = 2_000_000;
        VenueCosts one = of(0, "v2:30:1e7");
        VenueCosts two = of(0, "v2:30:1e7", "v2:25:1e7");
        assertThat(two.fee(x) + two.impact(x)).isLessThan(one.fee(x) + one.impact(x));
        assertThat(two.fee(x)).isStrictlyBetween(0.0025 * x, 0.003 * x); // both venues filled part of it
    }

    @Test
    void theGasOfASplitsExtraSwapIsChargedAndCanMakeItNotWorthIt() {
        double x = 20_000;
        // 100,000 gas at 1 numeraire per 1,000 gas = 100 per extra swap: more than splitting 20k saves
        VenueCosts pricey = of(1e-3, "v2:30:1e7", "v2:30:1e7");
        VenueCosts single = of(1e-3, "v2:30:1e7");
        assertThat(pricey.impact(x)).isCloseTo(single.impact(x), offset(1e-6));
        // with free gas the same two pools split it, and the impact halves
        assertThat(of(0, "v2:30:1e7", "v2:30:1e7").impact(x)).isCloseTo(single.impact(x) / 2, offset(0.05));
    }

    @Test
    void aSwapNoVenueCanTakeIsRefusedAndTwoPoolsOfOneKindAreToldApart() {
        assertThatThrownBy(() -> of(0, "ballast:30:1e6").fee(1e6)).hasMessageContaining("too large for every venue");
        assertThat(of(0, "v2:30:1e7", "v2:30:2e7").venues()).extracting(VenueSpec::name).containsExactly("v2 0.3%", "v2 0.3% #2");
        assertThatThrownBy(() -> VenueSpec.parse("v4:5:1e6")).hasMessageContaining("kind 'v4'");
        assertThatThrownBy(() -> VenueSpec.parse("v3:x:1e6")).hasMessageContaining("fee 'x' is not a number");
        assertThatThrownBy(() -> VenueSpec.parse("balancer:30:1e6:80")).hasMessageContaining("weights '80'");
        assertThat(List.of(VenueSpec.parse("balancer:30:1e6:80/20").weightFirst().doubleValue())).containsExactly(0.8);
    }
}
