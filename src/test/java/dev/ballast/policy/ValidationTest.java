package dev.ballast.policy;

import static dev.ballast.policy.Fixtures.PCT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void targetsMustSumToOne() {
        assertThatThrownBy(() -> Fixtures.snapshot(1, 50 * PCT, 1, 49 * PCT))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("sum of target weights");
    }

    @Test
    void assetIdsAreUnique() {
        List<Asset> twins = List.of(Asset.valued("A", 1, 50 * PCT), Asset.valued("A", 1, 50 * PCT));
        assertThatThrownBy(() -> new PortfolioSnapshot(twins, 0, 0, GasQuote.FREE))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("duplicate");
    }

    @Test
    void paramsNameTheBadField() {
        assertThatThrownBy(() -> PolicyParams.builder().band(0).build()).hasMessageStartingWith("band = 0");
        assertThatThrownBy(() -> PolicyParams.builder().mode(RebalanceMode.CALENDAR).build())
                .hasMessageStartingWith("calendarInterval = 0");
        assertThatThrownBy(() -> PolicyParams.builder().maxTradeFraction(0).build())
                .hasMessageStartingWith("maxTradeFraction");
        assertThatThrownBy(() -> PolicyParams.builder().maxSlippage(FixedPoint.WAD).build())
                .hasMessageStartingWith("maxSlippage");
        assertThatThrownBy(() -> PolicyParams.builder().minTradeValue(-1).build())
                .hasMessageStartingWith("minTradeValue");
        assertThatThrownBy(() -> PolicyParams.builder().cooldown(-1).build()).hasMessageStartingWith("cooldown");
        assertThatThrownBy(() -> PolicyParams.builder().correctionBenefit(-1).build())
                .hasMessageStartingWith("correctionBenefit");
    }

    @Test
    void assetsRejectImpossibleValues() {
        assertThatThrownBy(() -> Asset.valued("A", -1, 0)).hasMessageContaining("value of A");
        assertThatThrownBy(() -> Asset.valued("A", 1, FixedPoint.WAD + 1)).hasMessageContaining("targetWeight of A");
        assertThatThrownBy(() -> Asset.onChain("B", BigInteger.ONE, 18, BigInteger.ZERO, 0))
                .hasMessageContaining("price of B");
        assertThatThrownBy(() -> Asset.onChain("C", BigInteger.TEN.pow(40), 0, BigInteger.TEN.pow(18), 0))
                .hasMessageContaining("value of C");
    }

    @Test
    void gasOverflowIsReported() {
        GasQuote absurd = new GasQuote(Long.MAX_VALUE / 2, 10, 10, 1);
        assertThatThrownBy(() -> absurd.cost(1)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("gasPriceWei");
    }

    @Test
    void roundTripThroughTheBuilderKeepsEveryField() {
        PolicyParams p = PolicyParams.builder().mode(RebalanceMode.BAND_AND_CALENDAR).band(3 * PCT)
                .calendarInterval(86_400).cooldown(60).minTradeValue(7).maxTradeFraction(PCT).maxSlippage(PCT / 2)
                .correctionBenefit(PCT * 2).build();
        org.assertj.core.api.Assertions.assertThat(p.toBuilder().build()).isEqualTo(p);
    }
}
