package dev.ballast.backtest;

import static dev.ballast.backtest.Bars.DAY;
import static dev.ballast.backtest.Bars.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.Disposal;
import dev.ballast.backtest.tax.HarvestRules;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxOutcome;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tax options wired into a run, on hand-computed cases: 100 invested, calendar-daily (every bar is due), no costs,
 * short-term rate 50% and long-term 20% (exact in binary), 30-day wash-sale window.
 */
class TaxedBacktestTest {
    private static final double EPS = 1e-9;
    private static final TaxRates RATES = new TaxRates(0.5, 0.2);
    private static final TaxSettings FIFO = TaxSettings.lotsOnly(LotSelection.FIFO, TaxRules.defaults(), RATES);
    private static final HarvestRules NO_SUBSTITUTES = HarvestRules.withSubstitutes(Map.of());
    private static final PolicyParams BASE = PolicyParams.builder().build();
    private static final Strategy DAILY = Strategies.calendar(CalendarPeriod.DAILY, BASE);

    private static BacktestResult run(PriceSeries prices, BacktestConfig config, Strategy s) {
        return new BacktestEngine(prices, config, CostModel.FREE).run(s);
    }

    private static List<Disposal> of(TaxOutcome o, String asset) {
        return o.disposals().stream().filter(d -> d.asset().equals(asset)).toList();
    }

    /**
     * Bars 40 days apart (so the first purchase is outside the wash window of later sales). A 1 → 2 → 1.5,
     * B 1 → 4 → 2. Bar 0: 50 A (lot 1 at 1), 50 B. Bar 1: NAV 100 + 200; sell 12.5 B at 4 (gain 37.5), buy 25 A at
     * 2 (lot 2). Bar 2: A 75 × 1.5 = 112.5, B 37.5 × 2 = 75, NAV 187.5: sell 18.75 of A = 12.5 units at 1.5. FIFO
     * takes lot 1 (cost 1): gain 6.25; harvesting takes the loss lot first, lot 2 (cost 2): loss 6.25.
     */
    @Nested
    class HarvestingSellsLossLotsFirst {
        private static final long JAN_1_2024 = 1_704_067_200L; // one tax year for all three bars
        private final PriceSeries prices = new PriceSeries(List.of("A", "B"),
                new long[] {JAN_1_2024, JAN_1_2024 + 40 * DAY, JAN_1_2024 + 80 * DAY},
                new double[][] {{1, 1}, {2, 4}, {1.5, 2}});
        private final BacktestConfig config = BacktestConfig.of(100, 0, 0.5, 0.5);

        @Test
        void plainFifoRealizesAGainWhereHarvestingRealizesALoss() {
            TaxOutcome fifo = run(prices, config.withTax(FIFO), DAILY).tax();
            TaxOutcome harvest = run(prices, config.withTax(FIFO.withHarvest(NO_SUBSTITUTES)), DAILY).tax();

            assertThat(of(fifo, "B")).singleElement().satisfies(d -> assertThat(d.gain()).isCloseTo(37.5, within(EPS)));
            assertThat(of(fifo, "A")).singleElement().satisfies(d -> {
                assertThat(d.quantity()).isCloseTo(12.5, within(EPS));
                assertThat(d.costBasis()).isCloseTo(12.5, within(EPS));
                assertThat(d.gain()).isCloseTo(6.25, within(EPS));
            });
            assertThat(of(harvest, "A")).singleElement().satisfies(d -> {
                assertThat(d.costBasis()).isCloseTo(25, within(EPS));
                assertThat(d.recognizedGain()).isCloseTo(-6.25, within(EPS));
            });
            assertThat(fifo.realized().shortTerm()).isCloseTo(43.75, within(EPS));
            assertThat(harvest.realized().shortTerm()).isCloseTo(31.25, within(EPS));
            assertThat(fifo.tax()).isCloseTo(21.875, within(EPS));
            assertThat(harvest.tax()).isCloseTo(15.625, within(EPS));
        }

        @Test
        void choosingOtherLotsDoesNotChangeTheTrades() {
            BacktestResult fifo = run(prices, config.withTax(FIFO), DAILY);
            BacktestResult harvest = run(prices, config.withTax(FIFO.withHarvest(NO_SUBSTITUTES)), DAILY);
            assertThat(harvest.nav()).containsExactly(fifo.nav());
            assertThat(harvest.nav()).containsExactly(new double[] {100, 300, 187.5}, within(EPS));
            assertThat(harvest.measures()).isEqualTo(fifo.measures());
        }
    }

    /**
     * Daily bars. A 1 → 0.8 → 0.8, B 1 → 0.4 → 0.8 (and C, A's substitute, 1 throughout). Bar 1: A 40, B 20: sell 10
     * of A = 12.5 units at 0.8, a loss of 2.5 (the rest of the same lot is no replacement). Bar 2: A 37.5 × 0.8 = 30,
     * B 75 × 0.8 = 60: the plan buys 15 of A one day after the loss sale.
     */
    @Nested
    class WashSaleWindow {
        private final PriceSeries twoAssets = daily(new double[] {1, 1}, new double[] {0.8, 0.4}, new double[] {0.8, 0.8});
        private final BacktestConfig half = BacktestConfig.of(100, 0, 0.5, 0.5);

        @Test
        void withoutHarvestingTheRepurchaseWashesTheLoss() {
            BacktestResult r = run(twoAssets, half.withTax(FIFO), DAILY);
            assertThat(r.measures().rebalances()).isEqualTo(2);
            assertThat(of(r.tax(), "A")).singleElement().satisfies(d -> {
                assertThat(d.gain()).isCloseTo(-2.5, within(EPS));
                assertThat(d.disallowedLoss()).isCloseTo(2.5, within(EPS)); // 18.75 units bought back >= 12.5 sold
            });
        }

        @Test
        void harvestingBlocksTheRepurchaseWhenThereIsNoSubstitute() {
            BacktestResult r = run(twoAssets, half.withTax(FIFO.withHarvest(NO_SUBSTITUTES)), DAILY);
            assertThat(r.tax().blockedBuys()).isEqualTo(1);
            assertThat(r.measures().rebalances()).isEqualTo(1); // bar 2 traded nothing
            assertThat(r.nav()[2]).isCloseTo(90, within(EPS));
            assertThat(r.weights()[2]).containsExactly(new double[] {30.0 / 90, 60.0 / 90}, within(EPS));
            assertThat(of(r.tax(), "A")).singleElement().satisfies(d -> {
                assertThat(d.recognizedGain()).isCloseTo(-2.5, within(EPS));
                assertThat(d.disallowedLoss()).isZero();
            });
        }

        /**
         * With C standing for A: bar 1 first harvests all of A (50 units at 0.8, loss 10) into 40 C, then the plan's
         * sale of 10 from A's sleeve takes 10 C; bar 2's purchase of 15 for A's sleeve goes to C (45 C in all).
         */
        @Test
        void harvestingRoutesTheRepurchaseToTheSubstitute() {
            PriceSeries withC = daily(new double[] {1, 1, 1}, new double[] {0.8, 0.4, 1}, new double[] {0.8, 0.8, 1});
            BacktestConfig config = BacktestConfig.of(100, 0, 0.5, 0.5, 0);
            BacktestResult r = run(withC, config.withTax(FIFO.withHarvest(HarvestRules.withSubstitutes(Map.of("A", "C")))),
                    DAILY);
            TaxOutcome t = r.tax();
            assertThat(t.harvestedLosses()).isCloseTo(10, within(EPS));
            assertThat(t.substituteBuys()).isEqualTo(1);
            assertThat(t.blockedBuys()).isZero();
            assertThat(of(t, "A")).singleElement().satisfies(d -> {
                assertThat(d.quantity()).isCloseTo(50, within(EPS));
                assertThat(d.recognizedGain()).isCloseTo(-10, within(EPS));
            });
            assertThat(r.nav()).containsExactly(new double[] {100, 60, 90}, within(EPS));
            // holdings: A 0, B 75 - 18.75 = 56.25 units, C 45 units
            assertThat(r.weights()[2]).containsExactly(new double[] {0, 45.0 / 90, 45.0 / 90}, within(EPS));
            assertThat(r.measures().rebalances()).isEqualTo(2);
        }

        @Test
        void substituteMustBeAZeroTargetColumn() {
            PriceSeries withC = daily(new double[] {1, 1, 1}, new double[] {1, 1, 1});
            TaxSettings s = FIFO.withHarvest(HarvestRules.withSubstitutes(Map.of("A", "C")));
            assertThatThrownBy(() -> new BacktestEngine(withC, BacktestConfig.of(100, 0, 1, 1, 1).withTax(s),
                    CostModel.FREE)).hasMessageContaining("substitute C of A must have target weight 0");
            TaxSettings missing = FIFO.withHarvest(HarvestRules.withSubstitutes(Map.of("A", "Z")));
            assertThatThrownBy(() -> new BacktestEngine(withC, BacktestConfig.of(100, 0, 1, 1, 0).withTax(missing),
                    CostModel.FREE)).hasMessageContaining("unknown asset 'Z'");
        }
    }

    /**
     * Daily bars, A 1 → 2 → 2, B 1 throughout. Bar 1: NAV 150, the plan sells 25 of A (12.5 units bought at 1):
     * a short-term gain of 12.5, tax 6.25 at 50%. Misplaced value 25 → 0, so the policy values the correction at
     * {@code correctionBenefit × 25}; gas is free.
     */
    @Nested
    class TaxAwareDeferral {
        private final PriceSeries prices = daily(new double[] {1, 1}, new double[] {2, 1}, new double[] {2, 1});
        private final BacktestConfig config = BacktestConfig.of(100, 0, 0.5, 0.5).withTax(FIFO.withTaxAware(true));

        private BacktestResult withBenefit(long percent) {
            PolicyParams p = BASE.toBuilder().correctionBenefit(percent * (FixedPoint.WAD / 100)).build();
            return run(prices, config, Strategies.calendar(CalendarPeriod.DAILY, p));
        }

        @Test
        void defersWhenTheTaxExceedsTheBenefit() {
            BacktestResult r = withBenefit(20); // benefit 5 < tax 6.25, on bar 1 and again on bar 2
            assertThat(r.tax().deferredRebalances()).isEqualTo(2);
            assertThat(r.measures().rebalances()).isZero();
            assertThat(r.tax().disposals()).isEmpty();
            assertThat(r.nav()).containsExactly(new double[] {100, 150, 150}, within(EPS));
        }

        @Test
        void rebalancesWhenTheBenefitExceedsTheTax() {
            BacktestResult r = withBenefit(30); // benefit 7.5 > tax 6.25
            assertThat(r.tax().deferredRebalances()).isZero();
            assertThat(r.measures().rebalances()).isEqualTo(1); // bar 2 is already at target
            assertThat(r.tax().realized().shortTerm()).isCloseTo(12.5, within(EPS));
            assertThat(r.tax().tax()).isCloseTo(6.25, within(EPS));
        }

        @Test
        void aSaleWithoutTaxIsNotDeferredEvenForNoBenefit() {
            // A halves instead: the plan sells B (no gain) to buy A; tax cost 0 is not above a zero benefit
            PriceSeries down = daily(new double[] {1, 1}, new double[] {0.5, 1});
            BacktestResult r = run(down, config, Strategies.calendar(CalendarPeriod.DAILY,
                    BASE.toBuilder().correctionBenefit(0).build()));
            assertThat(r.tax().deferredRebalances()).isZero();
            assertThat(r.measures().rebalances()).isEqualTo(1);
        }
    }

    /** Tracking lots alone must not change a single number of the run. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void lotsWithoutOptionsTradeExactlyAsAnUntaxedRun(long seed) {
        PriceSeries walk = Bars.randomWalk(seed, 3, 200);
        BacktestConfig config = BacktestConfig.of(1_000_000, 0.02, 0.5, 0.3, 0.2);
        CostModel costs = new CostModel(0.003, 5_000_000, GasModel.constant(150_000, 100_000, 30_000_000_000L, 2_000));
        for (Strategy s : Strategies.standardSet(BASE, 0.003, 0.05)) {
            BacktestResult plain = new BacktestEngine(walk, config, costs).run(s);
            for (LotSelection lots : LotSelection.values()) {
                BacktestResult taxed = new BacktestEngine(walk,
                        config.withTax(TaxSettings.lotsOnly(lots, TaxRules.defaults(), RATES)), costs).run(s);
                assertThat(taxed.nav()).as(s.name() + " " + lots).containsExactly(plain.nav());
                assertThat(taxed.drift()).as(s.name()).containsExactly(plain.drift());
                assertThat(taxed.weights()).as(s.name()).isDeepEqualTo(plain.weights());
                assertThat(taxed.measures()).as(s.name()).isEqualTo(plain.measures());
                assertThat(plain.tax()).isNull();
                if (!(s instanceof Strategy.PassivePool)) assertThat(taxed.tax()).isNotNull();
            }
        }
    }

    /** The engine's own lot book against the post-hoc replay that recovers trades from the per-bar holdings. */
    @Test
    void lotBookAgreesWithTheTradesRecoveredFromTheResult() {
        PriceSeries walk = Bars.randomWalk(9, 3, 300);
        BacktestConfig config = BacktestConfig.of(1_000_000, 0, 0.5, 0.3, 0.2);
        CostModel costs = new CostModel(0.003, Double.POSITIVE_INFINITY, GasModel.NONE);
        for (Strategy s : List.of(DAILY, Strategies.band(FixedPoint.WAD / 50, BASE))) {
            BacktestResult taxed = new BacktestEngine(walk, config.withTax(FIFO), costs).run(s);
            var replay = dev.ballast.backtest.optimize.TaxReplay.replay(taxed, walk, LotSelection.FIFO,
                    TaxRules.defaults(), RATES);
            var recovered = dev.ballast.backtest.tax.RealizedGains.of(replay.disposals());
            assertThat(taxed.tax().realized().shortTerm()).as(s.name()).isCloseTo(recovered.shortTerm(), within(1e-3));
            assertThat(taxed.tax().realized().longTerm()).as(s.name()).isCloseTo(recovered.longTerm(), within(1e-3));
            assertThat(taxed.tax().realized().total()).as(s.name()).isNotZero();
        }
    }

    @Test
    void gasPaidFromTheHoldingsIsSoldFromTheLots() {
        // bar 1 as in TaxAwareDeferral, with gas: every asset sells the fraction of units that paid the gas
        PriceSeries prices = daily(new double[] {1, 1}, new double[] {2, 1});
        CostModel gas = new CostModel(0, Double.POSITIVE_INFINITY, GasModel.constant(100_000, 0, 10_000_000_000L, 1_000));
        BacktestResult r = new BacktestEngine(prices, BacktestConfig.of(100, 0, 0.5, 0.5).withTax(FIFO), gas)
                .run(Strategies.calendar(CalendarPeriod.DAILY, BASE.toBuilder().correctionBenefit(FixedPoint.WAD).build()));
        // gas 1e5 x 1e10 wei x 1000 / 1e18 = 1 of 150: each holding keeps 149/150
        assertThat(r.measures().gas()).isCloseTo(1, within(EPS));
        double soldB = of(r.tax(), "B").stream().mapToDouble(Disposal::quantity).sum();
        assertThat(soldB).isCloseTo(75.0 / 150, within(EPS));
        double soldA = of(r.tax(), "A").stream().mapToDouble(Disposal::quantity).sum();
        assertThat(soldA).isCloseTo(12.5 + 37.5 / 150, within(EPS));
    }
}
