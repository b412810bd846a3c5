package dev.ballast.backtest.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LotBookTest {
    /** 2024-01-01T00:00Z. */
    static final long T0 = 1_704_067_200L;
    static final Offset<Double> EPS = within(1e-9);
    static final TaxRates RATES = new TaxRates(0.5, 0.2);

    static long day(int d) {
        return T0 + d * TaxRules.DAY_SECONDS;
    }

    static LotBook book() {
        return new LotBook(TaxRules.defaults(), RATES);
    }

    /**
     * A: 10 @ 50 (day 0), D: 10 @ 110 (day 10), B: 10 @ 140 (day 100), C: 10 @ 120 (day 200). Sold at 130 on day 400,
     * A and D are long-term (400, 390 days), B and C short-term (300, 200 days).
     */
    static LotBook fourLots() {
        LotBook b = book();
        b.buy("ETH", 10, 50, day(0));
        b.buy("ETH", 10, 110, day(10));
        b.buy("ETH", 10, 140, day(100));
        b.buy("ETH", 10, 120, day(200));
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // FIFO: A 10 (1300 - 500 = 800 LT) + D 5 (650 - 550 = 100 LT)
        "FIFO,     0,    900, 1, 2",
        // LIFO: C 10 (1300 - 1200 = 100 ST) + B 5 (650 - 700 = -50 ST)
        "LIFO,     50,   0,   4, 3",
        // HIFO: B 10 (1300 - 1400 = -100 ST) + C 5 (650 - 600 = 50 ST)
        "HIFO,     -50,  0,   3, 4",
        // MIN_TAX per unit: B -10*.5 = -5, D 20*.2 = 4, C 10*.5 = 5, A 80*.2 = 16 -> B 10 (-100 ST) + D 5 (100 LT)
        "MIN_TAX,  -100, 100, 3, 2",
    })
    void selectionsPickLotsAndSplitGainsByTerm(LotSelection sel, double st, double lt, long firstLot, long secondLot) {
        LotBook b = fourLots();
        List<Disposal> ds = b.sell("ETH", 15, 130, day(400), sel);
        assertThat(ds).extracting(Disposal::lotId).containsExactly(firstLot, secondLot);
        assertThat(ds).extracting(Disposal::quantity).containsExactly(10.0, 5.0);
        assertThat(b.realized().shortTerm()).isCloseTo(st, EPS);
        assertThat(b.realized().longTerm()).isCloseTo(lt, EPS);
        assertThat(b.quantity("ETH")).isCloseTo(25, EPS);
        assertThat(b.lots("ETH").stream().filter(l -> l.id() == secondLot).findFirst().orElseThrow().quantity())
                .isCloseTo(5, EPS);
    }

    @Test
    void fifoBasisAndProceedsAreProRata() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0));
        b.buy("ETH", 10, 150, day(100));
        List<Disposal> ds = b.sell("ETH", 15, 200, day(400), LotSelection.FIFO);
        assertThat(ds.get(0)).extracting(Disposal::proceeds, Disposal::costBasis, Disposal::term)
                .containsExactly(2000.0, 1000.0, Term.LONG);
        assertThat(ds.get(1)).extracting(Disposal::proceeds, Disposal::costBasis, Disposal::term)
                .containsExactly(1000.0, 750.0, Term.SHORT);
        assertThat(b.realized()).isEqualTo(new RealizedGains(250, 1000, 0));
        assertThat(b.costBasis("ETH")).isCloseTo(750, EPS);
        assertThat(b.unrealizedGain("ETH", 200)).isCloseTo(250, EPS);
    }

    @ParameterizedTest(name = "held {1} days with long-term after {0} -> {2}")
    @CsvSource({"365, 365, SHORT", "365, 366, LONG", "180, 180, SHORT", "180, 181, LONG", "0, 1, LONG", "0, 0, SHORT"})
    void holdingPeriodIsConfigurable(int longTermAfter, int heldDays, Term expected) {
        LotBook b = new LotBook(new TaxRules(longTermAfter, 30), RATES);
        b.buy("BTC", 1, 100, day(0));
        assertThat(b.sell("BTC", 1, 120, day(heldDays), LotSelection.FIFO).getFirst().term()).isEqualTo(expected);
    }

    @Test
    void specificLotsAreSoldAsNamed() {
        LotBook b = fourLots();
        Map<Long, Double> pick = new LinkedHashMap<>();
        pick.put(4L, 4.0);
        pick.put(1L, 2.0);
        List<Disposal> ds = b.sellLots("ETH", pick, 130, day(400));
        // Lot 4 (C, 120, ST): 4 * 10 = 40; lot 1 (A, 50, LT): 2 * 80 = 160.
        assertThat(ds).extracting(Disposal::lotId).containsExactly(4L, 1L);
        assertThat(b.realized().shortTerm()).isCloseTo(40, EPS);
        assertThat(b.realized().longTerm()).isCloseTo(160, EPS);
        assertThat(b.lots("ETH")).extracting(Lot::quantity).containsExactly(8.0, 10.0, 10.0, 6.0);
        assertThatThrownBy(() -> b.sellLots("ETH", Map.of(99L, 1.0), 130, day(400)))
                .hasMessageContaining("no open lot 99 of ETH");
        assertThatThrownBy(() -> b.sellLots("ETH", Map.of(1L, 9.0), 130, day(400)))
                .hasMessageContaining("lot 1 of ETH: cannot sell 9.0 of 8.0 units");
    }

    @Test
    void rejectsOverSellingAndTradesOutOfTimeOrder() {
        LotBook b = book();
        b.buy("ETH", 1, 100, day(5));
        assertThatThrownBy(() -> b.sell("ETH", 2, 100, day(6), LotSelection.FIFO)).hasMessageContaining("only 1.0 held");
        assertThatThrownBy(() -> b.buy("ETH", 1, 100, day(4))).hasMessageContaining("trades must be recorded in time order");
        assertThatThrownBy(() -> b.buy("ETH", 0, 100, day(7))).hasMessageContaining("ETH quantity = 0.0");
    }

    @Test
    void floatingPointDustDoesNotLeaveLots() {
        LotBook b = book();
        b.buy("ETH", 0.1, 10, day(0));
        b.buy("ETH", 0.2, 10, day(0));
        b.sell("ETH", 0.1 + 0.2, 11, day(1), LotSelection.FIFO);
        assertThat(b.lots("ETH")).isEmpty();
    }

    @Test
    void realizedGainsAreSplitByTaxYear() {
        LotBook b = book();
        b.buy("ETH", 2, 100, day(0));
        b.sell("ETH", 1, 150, day(100), LotSelection.FIFO); // 2024: +50 ST
        b.sell("ETH", 1, 90, day(400), LotSelection.FIFO); // 2025 (day 400 = 2025-02-04): -10 LT
        assertThat(b.realizedInYear(2024)).isEqualTo(new RealizedGains(50, 0, 0));
        assertThat(b.realizedInYear(2025)).isEqualTo(new RealizedGains(0, -10, 0));
        assertThat(b.realized().total()).isCloseTo(40, EPS);
    }
}
