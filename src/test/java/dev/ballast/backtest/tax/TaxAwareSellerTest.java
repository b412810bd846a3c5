package dev.ballast.backtest.tax;

import static dev.ballast.backtest.tax.LotBookTest.EPS;
import static dev.ballast.backtest.tax.LotBookTest.day;
import static dev.ballast.backtest.tax.LotBookTest.fourLots;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxAwareSellerTest {
    @Test
    void quotesWithoutChangingTheBookAndPrefersLossAndLongTermLots() {
        LotBook book = fourLots();
        SaleQuote q = new TaxAwareSeller().quote(book, "ETH", 15, 130, day(400));
        // MIN_TAX: B 10 (-100 ST) + D 5 (+100 LT): the ST loss offsets the LT gain, no tax.
        assertThat(q.disposals()).extracting(Disposal::lotId).containsExactly(3L, 2L);
        assertThat(q.gains().shortTerm()).isCloseTo(-100, EPS);
        assertThat(q.gains().longTerm()).isCloseTo(100, EPS);
        assertThat(q.taxCost()).isCloseTo(0, EPS);
        assertThat(q.proceeds()).isCloseTo(15 * 130, EPS);
        assertThat(book.quantity("ETH")).isCloseTo(40, EPS);
        assertThat(book.disposals()).isEmpty();
        // FIFO would sell A 10 + D 5: 900 LT at 20% = 180.
        assertThat(new TaxAwareSeller(LotSelection.FIFO).quote(book, "ETH", 15, 130, day(400)).taxCost())
                .isCloseTo(180, EPS);
    }

    @Test
    void taxCostIsMarginalToGainsAlreadyRealizedThisYear() {
        LotBook book = fourLots();
        book.buy("BTC", 1, 1000, day(200));
        book.sell("BTC", 1, 2000, day(205), LotSelection.FIFO); // +1000 ST in 2024
        // Selling lot B (140) 10 @ 130 realizes -100 ST: saves 100 * 50% = 50.
        SaleQuote q = new TaxAwareSeller().quote(book, "ETH", 10, 130, day(300));
        assertThat(q.gains().shortTerm()).isCloseTo(-100, EPS);
        assertThat(q.taxCost()).isCloseTo(-50, EPS);
    }

    @Test
    void defersWhenTaxCostExceedsTheRiskBenefit() {
        LotBook book = fourLots();
        TaxAwareSeller fifo = new TaxAwareSeller(LotSelection.FIFO);
        List<ProposedSale> sale = List.of(new ProposedSale("ETH", 15, 130));
        DeferDecision d = fifo.shouldDefer(book, sale, day(400), 100);
        assertThat(d.defer()).isTrue();
        assertThat(d.taxCost()).isCloseTo(180, EPS);
        assertThat(d.reason()).isEqualTo("tax cost 180.00 > risk benefit 100.00: defer the rebalance");
        assertThat(fifo.shouldDefer(book, sale, day(400), 200).defer()).isFalse();
        assertThat(new TaxAwareSeller().shouldDefer(book, sale, day(400), 0).defer()).isFalse();
    }

    @Test
    void quoteCountsWashSalesAgainstRecentPurchases() {
        LotBook book = LotBookTest.book();
        book.buy("ETH", 10, 100, day(0));
        book.buy("ETH", 10, 100, day(45)); // within 30 days before the quoted sale
        // Selling lot 1 at 80 loses 200, but lot 2 replaces it: disallowed, no tax saving.
        SaleQuote q = new TaxAwareSeller(LotSelection.FIFO).quote(book, "ETH", 10, 80, day(50));
        assertThat(q.gains().disallowedLosses()).isCloseTo(200, EPS);
        assertThat(q.taxCost()).isCloseTo(0, EPS);
        assertThat(ProposedSale.ofValue("ETH", 800, 80).quantity()).isEqualTo(10);
    }

    @Test
    void sellUsesTheSameLotChoice() {
        LotBook book = fourLots();
        List<Disposal> ds = new TaxAwareSeller().sell(book, new ProposedSale("ETH", 15, 130), day(400));
        assertThat(ds).extracting(Disposal::lotId).containsExactly(3L, 2L);
        assertThat(book.quantity("ETH")).isCloseTo(25, EPS);
    }
}
