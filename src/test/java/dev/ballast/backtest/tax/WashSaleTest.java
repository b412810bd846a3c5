package dev.ballast.backtest.tax;

import static dev.ballast.backtest.tax.LotBookTest.EPS;
import static dev.ballast.backtest.tax.LotBookTest.book;
import static dev.ballast.backtest.tax.LotBookTest.day;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WashSaleTest {
    @Test
    void purchaseBeforeTheLossSaleDisallowsItAndCarriesBasisAndHoldingPeriod() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0)); // lot 1
        b.buy("ETH", 5, 70, day(40)); // lot 2: 10 days before the sale, so it replaces 5 of the 10 units sold
        Disposal d = b.sell("ETH", 10, 70, day(50), LotSelection.FIFO).getFirst();
        // Loss 300; 5 units replaced -> 5 * 30 = 150 disallowed, -150 recognized.
        assertThat(d.gain()).isCloseTo(-300, EPS);
        assertThat(d.disallowedLoss()).isCloseTo(150, EPS);
        assertThat(b.realized()).satisfies(r -> {
            assertThat(r.shortTerm()).isCloseTo(-150, EPS);
            assertThat(r.disallowedLosses()).isCloseTo(150, EPS);
        });
        Lot replacement = b.lots("ETH").getFirst();
        assertThat(replacement.quantity()).isCloseTo(5, EPS);
        assertThat(replacement.costBasis()).isCloseTo(350 + 150, EPS);
        assertThat(replacement.washReplacement()).isTrue();
        // Holding period of the sold lot (50 days) is carried: starts at day 40 - 50 = day -10.
        assertThat(replacement.holdingStart()).isEqualTo(day(-10));
        // Sold on day 400 it has been held 410 days -> long-term; gain 600 - 500 = 100.
        Disposal later = b.sell("ETH", 5, 120, day(400), LotSelection.FIFO).getFirst();
        assertThat(later.term()).isEqualTo(Term.LONG);
        assertThat(later.gain()).isCloseTo(100, EPS);
    }

    @Test
    void purchasesAfterTheLossSaleDisallowItUnitByUnit() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0));
        b.sell("ETH", 10, 70, day(10), LotSelection.FIFO); // loss 300 on 10 units
        assertThat(b.lossAtRiskIfBought("ETH", 4, day(30))).isCloseTo(120, EPS);
        assertThat(b.lossAtRiskIfBought("ETH", 20, day(30))).isCloseTo(300, EPS);
        assertThat(b.buyBlockedUntil("ETH", day(30))).isEqualTo(day(40) + 1);

        List<Lot> first = b.buy("ETH", 4, 75, day(30)); // 20 days after: 4 * 30 = 120 disallowed
        assertThat(first).singleElement().satisfies(l -> {
            assertThat(l.costBasis()).isCloseTo(300 + 120, EPS);
            assertThat(l.holdingStart()).isEqualTo(day(20)); // 10 days held before the sale
        });
        assertThat(b.disposals().getFirst().disallowedLoss()).isCloseTo(120, EPS);
        assertThat(b.realized().shortTerm()).isCloseTo(-180, EPS);

        List<Lot> second = b.buy("ETH", 10, 75, day(35)); // 6 units left to replace: 180 more, the other 4 are plain
        assertThat(second).extracting(Lot::quantity).containsExactly(6.0, 4.0);
        assertThat(second).extracting(Lot::costBasis).containsExactly(450.0 + 180, 300.0);
        assertThat(second).extracting(Lot::washReplacement).containsExactly(true, false);
        assertThat(b.realized().shortTerm()).isCloseTo(0, EPS);
        assertThat(b.realized().disallowedLosses()).isCloseTo(300, EPS);
        assertThat(b.lossAtRiskIfBought("ETH", 1, day(36))).isZero();
    }

    @Test
    void purchasesOutsideTheWindowOrOfOtherAssetsDoNotWash() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0));
        b.buy("BTC", 1, 100, day(45)); // another asset, inside the window
        b.sell("ETH", 10, 70, day(50), LotSelection.FIFO);
        b.buy("ETH", 10, 70, day(81)); // 31 days after
        assertThat(b.realized().shortTerm()).isCloseTo(-300, EPS);
        assertThat(b.realized().disallowedLosses()).isZero();
        assertThat(b.lots("ETH")).singleElement().extracting(Lot::washReplacement).isEqualTo(false);
    }

    @Test
    void theRestOfTheSameLotIsNotAReplacement() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0));
        Disposal d = b.sell("ETH", 4, 80, day(10), LotSelection.FIFO).getFirst();
        assertThat(d.disallowedLoss()).isZero();
        assertThat(b.realized().shortTerm()).isCloseTo(-80, EPS);
    }

    @Test
    void aWindowOfZeroTurnsTheRuleOff() {
        LotBook b = new LotBook(new TaxRules(365, 0), LotBookTest.RATES);
        b.buy("ETH", 10, 100, day(0));
        b.buy("ETH", 10, 70, day(1));
        b.sell("ETH", 10, 70, day(2), LotSelection.FIFO);
        b.buy("ETH", 10, 70, day(3));
        assertThat(b.realized().shortTerm()).isCloseTo(-300, EPS);
    }

    @Test
    void aGainIsNeverWashed() {
        LotBook b = book();
        b.buy("ETH", 10, 100, day(0));
        b.buy("ETH", 10, 100, day(5));
        b.sell("ETH", 10, 130, day(10), LotSelection.FIFO);
        b.buy("ETH", 10, 130, day(11));
        assertThat(b.realized()).isEqualTo(new RealizedGains(300, 0, 0));
    }
}
