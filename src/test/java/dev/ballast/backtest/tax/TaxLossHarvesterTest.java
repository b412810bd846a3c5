package dev.ballast.backtest.tax;

import static dev.ballast.backtest.tax.LotBookTest.EPS;
import static dev.ballast.backtest.tax.LotBookTest.book;
import static dev.ballast.backtest.tax.LotBookTest.day;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaxLossHarvesterTest {
    private static final Map<String, Double> PRICES = Map.of("ETH", 1500.0, "BTC", 31_000.0, "stETH", 1500.0);

    private static LotBook ethAndBtc() {
        LotBook b = book();
        b.buy("ETH", 10, 2000, day(0));
        b.buy("BTC", 1, 30_000, day(0));
        return b;
    }

    @Test
    void sellsLossLotsAndBuysTheSubstitute() {
        LotBook b = ethAndBtc();
        HarvestResult r = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of("ETH", "stETH", "BTC", "WBTC")))
                .harvest(b, PRICES, day(100));
        // ETH 10 @ 2000 -> 1500: 5000 short-term loss; 15000 of proceeds buy 10 stETH. BTC is at a gain: kept.
        assertThat(r.harvestedLoss()).isCloseTo(5000, EPS);
        assertThat(r.sales()).singleElement().extracting(Disposal::asset).isEqualTo("ETH");
        assertThat(r.buys()).singleElement().satisfies(buy -> {
            assertThat(buy.to()).isEqualTo("stETH");
            assertThat(buy.value()).isCloseTo(15_000, EPS);
        });
        assertThat(b.quantity("ETH")).isZero();
        assertThat(b.quantity("stETH")).isCloseTo(10, EPS);
        assertThat(b.quantity("BTC")).isCloseTo(1, EPS);
        assertThat(b.realized().shortTerm()).isCloseTo(-5000, EPS);
    }

    @Test
    void skipsAnAssetBoughtWithinTheWashWindow() {
        LotBook b = ethAndBtc();
        b.buy("ETH", 1, 1400, day(90)); // recent, at a gain so kept: it would replace 1 harvested unit
        HarvestResult r = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of("ETH", "stETH")))
                .harvest(b, PRICES, day(100));
        assertThat(r.sales()).isEmpty();
        assertThat(b.quantity("ETH")).isCloseTo(11, EPS);
    }

    @Test
    void aRecentLotAlsoAtALossIsHarvestedTooSoNothingWashes() {
        LotBook b = ethAndBtc();
        b.buy("ETH", 1, 1600, day(90));
        HarvestResult r = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of("ETH", "stETH")))
                .harvest(b, PRICES, day(100));
        // 5000 on lot 1 plus 100 on the recent lot; nothing of ETH is left to replace either.
        assertThat(r.harvestedLoss()).isCloseTo(5100, EPS);
        assertThat(r.sales()).extracting(Disposal::disallowedLoss).containsOnly(0.0);
        assertThat(b.quantity("stETH")).isCloseTo(11, EPS);
    }

    @Test
    void skipsWhenTheSubstituteBuyWouldWashALossOnTheSubstitute() {
        LotBook b = ethAndBtc();
        b.buy("stETH", 1, 2000, day(1));
        b.sell("stETH", 1, 1500, day(80), LotSelection.FIFO); // stETH loss 20 days ago
        HarvestResult r = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of("ETH", "stETH")))
                .harvest(b, PRICES, day(100));
        assertThat(r.sales()).isEmpty();
    }

    @Test
    void harvestsIntoCashAndReportsTheBuyBlockWhenAllowed() {
        LotBook b = ethAndBtc();
        HarvestResult r = new TaxLossHarvester(new HarvestRules(0.05, 0, Map.of(), true)).harvest(b, PRICES, day(100));
        assertThat(r.harvestedLoss()).isCloseTo(5000, EPS);
        assertThat(r.buys()).isEmpty();
        assertThat(r.blocked()).containsExactly(new HarvestResult.BuyBlock("ETH", day(130) + 1));
        // Without substitute and without cash harvesting nothing happens.
        LotBook c = ethAndBtc();
        assertThat(new TaxLossHarvester(new HarvestRules(0.05, 0, Map.of(), false)).harvest(c, PRICES, day(100))
                .sales()).isEmpty();
    }

    @Test
    void onlyLotsPastTheThresholdsQualify() {
        LotBook b = book();
        b.buy("ETH", 10, 1570, day(0)); // down 4.5% at 1500
        b.buy("ETH", 10, 1600, day(1)); // down 6.25%: 1000 loss
        HarvestRules fivePct = new HarvestRules(0.05, 0, Map.of("ETH", "stETH"), false);
        HarvestResult r = new TaxLossHarvester(fivePct).harvest(b.copy(), PRICES, day(100));
        assertThat(r.sales()).extracting(Disposal::lotId).containsExactly(2L);
        assertThat(r.harvestedLoss()).isCloseTo(1000, EPS);
        HarvestRules bigOnly = new HarvestRules(0, 1001, Map.of("ETH", "stETH"), false);
        assertThat(new TaxLossHarvester(bigOnly).harvest(b.copy(), PRICES, day(100)).sales()).isEmpty();
    }

    @Test
    void rebalanceBuysGoToTheSubstituteWhileALossCouldBeWashed() {
        LotBook b = ethAndBtc();
        TaxLossHarvester h = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of("ETH", "stETH")));
        b.sell("ETH", 10, 1500, day(100), LotSelection.FIFO); // 5000 loss, not harvested: sold by a rebalance
        TaxLossHarvester.RoutedBuy r = h.buy(b, "ETH", 3000, PRICES, day(110));
        // Buying 2 ETH would disallow 2 * 500 = 1000 of the loss: 2 stETH are bought instead.
        assertThat(r.asset()).isEqualTo("stETH");
        assertThat(r.lossKept()).isCloseTo(1000, EPS);
        assertThat(b.quantity("stETH")).isCloseTo(2, EPS);
        assertThat(b.realized().shortTerm()).isCloseTo(-5000, EPS);
        // After the window ETH itself is bought again.
        TaxLossHarvester.RoutedBuy later = h.buy(b, "ETH", 3000, PRICES, day(131));
        assertThat(later.asset()).isEqualTo("ETH");
        assertThat(b.quantity("ETH")).isCloseTo(2, EPS);
        // Without a substitute the buy happens and the rule defers the loss.
        LotBook c = ethAndBtc();
        c.sell("ETH", 10, 1500, day(100), LotSelection.FIFO);
        TaxLossHarvester.RoutedBuy plain = new TaxLossHarvester(HarvestRules.withSubstitutes(Map.of()))
                .buy(c, "ETH", 3000, PRICES, day(110));
        assertThat(plain.asset()).isEqualTo("ETH");
        assertThat(c.realized().disallowedLosses()).isCloseTo(1000, EPS);
    }
}
