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
}
