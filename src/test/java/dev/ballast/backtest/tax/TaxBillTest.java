package dev.ballast.backtest.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxBillTest {
    @ParameterizedTest(name = "ST {0}, LT {1} -> net {2}/{3}, tax {4}, carry {5}")
    @CsvSource({
        // both gains: 1000 * .4 + 500 * .2
        "1000,  500,   1000, 500,  500, 0",
        // ST loss offsets LT gain: LT 700 * .2
        "-300,  1000,  0,    700,  140, 0",
        // LT loss offsets ST gain and is left over
        "300,   -1000, 0,    -700, 0,   -700",
        // LT loss smaller than ST gain: ST 700 * .4
        "1000,  -300,  700,  0,    280, 0",
        // both losses carry forward
        "-100,  -200,  -100, -200, 0,   -300",
    })
    void netsTermsThenTaxes(double st, double lt, double netSt, double netLt, double tax, double carry) {
        TaxBill bill = TaxBill.of(new RealizedGains(st, lt, 0), new TaxRates(0.4, 0.2));
        assertThat(bill.netShortTerm()).isEqualTo(netSt);
        assertThat(bill.netLongTerm()).isEqualTo(netLt);
        assertThat(bill.total()).isEqualTo(tax);
        assertThat(bill.lossCarryforward()).isEqualTo(carry);
    }

    @org.junit.jupiter.api.Test
    void ratesMustBeFractions() {
        assertThatThrownBy(() -> new TaxRates(37, 0.2)).hasMessageContaining("shortTerm rate = 37.0");
        assertThatThrownBy(() -> new TaxRules(-1, 30)).hasMessageContaining("longTermAfterDays = -1");
    }

    @org.junit.jupiter.api.Test
    void lossesCarryIntoLaterYearsKeepingTheirTerm() {
        LotBook b = LotBookTest.book();
        long d0 = LotBookTest.T0; // 2024-01-01
        b.buy("ETH", 10, 100, d0);
        b.sell("ETH", 5, 60, d0 + 10 * TaxRules.DAY_SECONDS, LotSelection.FIFO); // 2024: -200 ST
        b.sell("ETH", 5, 150, d0 + 400 * TaxRules.DAY_SECONDS, LotSelection.FIFO); // 2025: +250 LT
        b.buy("BTC", 1, 1000, d0 + 401 * TaxRules.DAY_SECONDS);
        b.sell("BTC", 1, 1300, d0 + 450 * TaxRules.DAY_SECONDS, LotSelection.FIFO); // 2025: +300 ST
        java.util.List<TaxYear> years = TaxYear.of(b.disposals(), new TaxRates(0.4, 0.2));
        assertThat(years).extracting(TaxYear::year).containsExactly(2024, 2025);
        assertThat(years.get(0).bill().total()).isZero();
        assertThat(years.get(0).bill().lossCarryforward()).isEqualTo(-200);
        // 2025: ST 300 - 200 carried = 100 at 40%; LT 250 at 20%: 40 + 50 = 90.
        assertThat(years.get(1).carriedIn()).isEqualTo(new RealizedGains(-200, 0, 0));
        assertThat(years.get(1).bill().netShortTerm()).isEqualTo(100);
        assertThat(years.get(1).bill().total()).isEqualTo(90);
    }
}
