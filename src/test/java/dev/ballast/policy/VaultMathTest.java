package dev.ballast.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed vectors for the keeper's copy of the vault's math and due rule (the contract itself: VaultRulesDifferentialTest). */
class VaultMathTest {
    private static final BigInteger E18 = VaultMath.ONE;

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void relDiffUpRoundsUpAndAZeroReferenceAdmitsNoBound() {
        assertThat(VaultMath.relDiffUp(big(0), big(0))).isEqualTo(VaultMath.MAX_UINT256);
        assertThat(VaultMath.relDiffUp(big(5), big(0))).isEqualTo(VaultMath.MAX_UINT256);
        assertThat(VaultMath.relDiffUp(big(0), big(7))).isEqualTo(E18);
        assertThat(VaultMath.relDiffUp(big(7), big(7))).isZero();
        assertThat(VaultMath.relDiffUp(big(4), big(3))).isEqualTo(new BigInteger("333333333333333334"));
        assertThat(VaultMath.relDiffUp(big(2), big(3))).isEqualTo(new BigInteger("333333333333333334"));
    }

    @Test
    void overflowAndDivisionByZeroArePanicsAsInSolidity() {
        assertThatThrownBy(() -> VaultMath.relDiffUp(VaultMath.MAX_UINT256, E18))
                .isInstanceOfSatisfying(VaultMath.Panic.class, p -> assertThat(p.errorName()).isEqualTo("Panic(0x11)"));
        assertThatThrownBy(() -> VaultMath.crossPrice(E18, BigInteger.ZERO))
                .isInstanceOfSatisfying(VaultMath.Panic.class, p -> assertThat(p.errorName()).isEqualTo("Panic(0x12)"));
        // the largest difference whose product with 1e18 still fits
        BigInteger fits = VaultMath.MAX_UINT256.divide(E18);
        assertThat(VaultMath.relDiffUp(fits.add(BigInteger.ONE), BigInteger.ONE)).isEqualTo(fits.multiply(E18));
        assertThatThrownBy(() -> VaultMath.relDiffUp(fits.add(BigInteger.TWO), BigInteger.ONE)).isInstanceOf(VaultMath.Panic.class);
    }

    @Test
    void crossPriceAndWeightsRoundDown() {
        assertThat(VaultMath.crossPrice(big(1), E18.multiply(big(2)))).isZero();
        assertThat(VaultMath.crossPrice(E18.multiply(big(2)), E18.multiply(big(3)))).isEqualTo(new BigInteger("666666666666666666"));
        BigInteger[] w = VaultMath.weightsDown(List.of(E18, big(1_000_000)), List.of(E18, E18.multiply(big(2))), List.of(18, 6));
        assertThat(w).containsExactly(new BigInteger("333333333333333333"), new BigInteger("666666666666666666"));
        assertThat(VaultMath.weightsDown(List.of(big(0), big(0)), List.of(E18, E18), List.of(18, 18))).containsOnly(BigInteger.ZERO);
    }

    @Test
    void unmetNamesTheVaultsErrorInItsOrder() {
        assertThat(RebalanceMode.BAND.unmet(false, true)).contains(RebalanceMode.NotDue.DriftWithinBand);
        assertThat(RebalanceMode.BAND.unmet(true, false)).isEmpty();
        assertThat(RebalanceMode.CALENDAR.unmet(true, false)).contains(RebalanceMode.NotDue.CalendarNotDue);
        assertThat(RebalanceMode.CALENDAR.unmet(false, true)).isEmpty();
        assertThat(RebalanceMode.BAND_OR_CALENDAR.unmet(false, false)).contains(RebalanceMode.NotDue.RebalanceNotDue);
        assertThat(RebalanceMode.BAND_OR_CALENDAR.unmet(false, true)).isEmpty();
        assertThat(RebalanceMode.BAND_AND_CALENDAR.unmet(false, false)).contains(RebalanceMode.NotDue.DriftWithinBand);
        assertThat(RebalanceMode.BAND_AND_CALENDAR.unmet(true, false)).contains(RebalanceMode.NotDue.CalendarNotDue);
        assertThat(RebalanceMode.BAND_AND_CALENDAR.unmet(true, true)).isEmpty();
    }

    @Test
    void dueExactlyWhenNoConditionIsUnmet() {
        int due = 0;
        for (RebalanceMode mode : RebalanceMode.values()) {
            for (boolean band : new boolean[] {false, true}) {
                for (boolean calendar : new boolean[] {false, true}) {
                    assertThat(mode.isDue(band, calendar)).as("%s band %s calendar %s", mode, band, calendar)
                            .isEqualTo(mode.unmet(band, calendar).isEmpty());
                    if (mode.isDue(band, calendar)) due++;
                }
            }
        }
        assertThat(due).isEqualTo(2 + 2 + 3 + 1);
    }
}
