package dev.ballast.policy;

import static dev.ballast.policy.Fixtures.DAY;
import static dev.ballast.policy.Fixtures.PCT;
import static dev.ballast.policy.Fixtures.band;
import static dev.ballast.policy.Fixtures.snapshot;
import static dev.ballast.policy.Fixtures.whole;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RebalancePolicyTest {

    private static Decision decide(PolicyParams params, PortfolioSnapshot snapshot) {
        return new RebalancePolicy(params).decide(snapshot);
    }

    @Nested
    class TwoAssets {
        // 6000 / 4000 against 50/50: weights 60% / 40%, drift +10 / -10 points.
        private final PortfolioSnapshot sixtyForty = snapshot(6000, 50 * PCT, 4000, 50 * PCT);

        @Test
        void driftIsWeightMinusTarget() {
            Drift drift = Drift.of(sixtyForty);
            assertThat(drift.deviation(0)).isEqualTo(10 * PCT);
            assertThat(drift.deviation(1)).isEqualTo(-10 * PCT);
            assertThat(drift.maxAbs()).isEqualTo(10 * PCT);
            assertThat(drift.worstAsset()).isZero();
        }

        @Test
        void breachedBandSellsTheOverweightAssetBackToTarget() {
            Decision d = decide(band(5 * PCT).build(), sixtyForty);

            assertThat(d.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(d.trigger()).isEqualTo(Trigger.BAND);
            assertThat(d.plan().legs()).singleElement().satisfies(leg -> {
                assertThat(leg.sellAsset()).isEqualTo("A");
                assertThat(leg.buyAsset()).isEqualTo("B");
                assertThat(leg.value()).isEqualTo(whole(1000));
                assertThat(leg.sellAmount()).isEqualTo(BigInteger.valueOf(whole(1000)));
                assertThat(leg.minBuyValue()).isEqualTo(whole(990)); // default slippage 1%
                assertThat(leg.call()).isEqualTo(1);
                assertThat(leg.calls()).isEqualTo(1);
            });
            assertThat(d.expectedAfter().maxAbs()).isZero();
            assertThat(d.misplacedValue()).isEqualTo(whole(1000));
            assertThat(d.benefit()).isEqualTo(whole(10)); // 1% of the 1000 moved back on target
            assertThat(d.explain()).startsWith("rebalance (BAND)").contains("max drift 10.00%").contains("-> 0.00%");
        }

        @Test
        void driftExactlyAtTheBandIsNotABreach() {
            assertThat(decide(band(10 * PCT).build(), sixtyForty).verdict()).isEqualTo(Verdict.NOT_DUE);
            assertThat(decide(band(10 * PCT - 1).build(), sixtyForty).verdict()).isEqualTo(Verdict.REBALANCE);
        }

        @Test
        void splitsAPlanAboveThePerCallCapAcrossCalls() {
            // cap = 4% of 10000 = 400 per call: the 1000 leg fills call 1 and 2 and ends in call 3.
            Decision d = decide(band(5 * PCT).maxTradeFraction(4 * PCT).build(), sixtyForty);

            List<Leg> legs = d.plan().legs();
            assertThat(legs).extracting(Leg::value).containsExactly(whole(400), whole(400), whole(200));
            assertThat(legs).extracting(Leg::call).containsExactly(1, 2, 3);
            assertThat(legs).extracting(Leg::calls).containsOnly(3);
            assertThat(d.plan().calls()).isEqualTo(3);
            assertThat(d.plan().call(2)).singleElement().extracting(Leg::value).isEqualTo(whole(400));
            assertThat(d.plan().totalValue()).isEqualTo(whole(1000));
            assertThat(d.expectedAfter().maxAbs()).isZero();
            assertThat(legs.getFirst().toString()).contains("(call 1/3)");
        }

        @Test
        void aPlanExactlyAtTheCapTakesOneCall() {
            Decision d = decide(band(5 * PCT).maxTradeFraction(10 * PCT).build(), sixtyForty);
            assertThat(d.plan().legs()).singleElement().extracting(Leg::calls).isEqualTo(1);
        }

        @Test
        void legBelowTheMinimumTradeIsSkipped() {
            Decision atMin = decide(band(5 * PCT).minTradeValue(whole(1000)).build(), sixtyForty);
            Decision aboveMin = decide(band(5 * PCT).minTradeValue(whole(1000) + 1).build(), sixtyForty);

            assertThat(atMin.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(aboveMin.verdict()).isEqualTo(Verdict.BELOW_MIN_TRADE);
            assertThat(aboveMin.plan().isEmpty()).isTrue();
            assertThat(aboveMin.largestLeg()).isEqualTo(whole(1000));
            assertThat(aboveMin.expectedAfter()).isEqualTo(aboveMin.before());
            assertThat(aboveMin.explain()).contains("below the minimum trade");
        }

        @Test
        void gasAboveTheBenefitSkips() {
            // 100k + 150k gas at 20 gwei = 0.005 native; at 2000 per native that is 10, the benefit exactly (1% of 1000).
            GasQuote atBenefit = new GasQuote(20_000_000_000L, 100_000, 150_000, whole(2000));
            GasQuote oneWeiMore = new GasQuote(20_000_000_001L, 100_000, 150_000, whole(2000));
            PolicyParams params = band(5 * PCT).build();

            Decision paid = decide(params, snapshot(1000 * DAY, 0, atBenefit, 6000, 50 * PCT, 4000, 50 * PCT));
            Decision skipped = decide(params, snapshot(1000 * DAY, 0, oneWeiMore, 6000, 50 * PCT, 4000, 50 * PCT));

            assertThat(paid.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(paid.gasCost()).isEqualTo(whole(10));
            assertThat(skipped.verdict()).isEqualTo(Verdict.GAS_EXCEEDS_BENEFIT);
            assertThat(skipped.gasCost()).isEqualTo(whole(10) + 1); // rounded up
            assertThat(skipped.proposedSwaps()).isEqualTo(1);
            assertThat(skipped.plan().isEmpty()).isTrue();
            assertThat(skipped.explain()).contains("exceeds benefit");
        }

        @Test
        void eachCallPaysItsOwnGas() {
            GasQuote gas = new GasQuote(20_000_000_000L, 100_000, 150_000, whole(2000));
            PortfolioSnapshot s = snapshot(1000 * DAY, 0, gas, 6000, 50 * PCT, 4000, 50 * PCT);
            // benefit 100 with correctionBenefit 10%; 3 calls of one swap: 3 × (100k + 150k) gas = 0.015 native = 30.
            Decision d = decide(band(5 * PCT).maxTradeFraction(4 * PCT).correctionBenefit(10 * PCT).build(), s);
            assertThat(d.gasCost()).isEqualTo(whole(30));
            assertThat(d.benefit()).isEqualTo(whole(100));
            assertThat(d.rebalance()).isTrue();
        }

        @Test
        void cooldownHoldsBackADueRebalance() {
            PolicyParams params = band(5 * PCT).cooldown(3600).build();
            long t = 1000 * DAY;
            Decision early = decide(params, snapshot(t, t - 3599, GasQuote.FREE, 6000, 50 * PCT, 4000, 50 * PCT));
            Decision onTime = decide(params, snapshot(t, t - 3600, GasQuote.FREE, 6000, 50 * PCT, 4000, 50 * PCT));
            Decision clockBehind = decide(params, snapshot(t, t + 5, GasQuote.FREE, 6000, 50 * PCT, 4000, 50 * PCT));

            assertThat(early.verdict()).isEqualTo(Verdict.COOLDOWN);
            assertThat(early.explain()).contains("cooldown");
            assertThat(onTime.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(clockBehind.verdict()).isEqualTo(Verdict.COOLDOWN);
        }

        @Test
        void noCooldownBeforeTheFirstRebalance() {
            PolicyParams params = band(5 * PCT).cooldown(10 * DAY).build();
            Decision first = decide(params, snapshot(DAY, 0, GasQuote.FREE, 6000, 50 * PCT, 4000, 50 * PCT));
            assertThat(first.verdict()).isEqualTo(Verdict.REBALANCE);
        }

        @Test
        void emptyPortfolioIsSkipped() {
            Decision d = decide(band(5 * PCT).build(), snapshot(0, 50 * PCT, 0, 50 * PCT));
            assertThat(d.verdict()).isEqualTo(Verdict.EMPTY_PORTFOLIO);
            assertThat(d.explain()).contains("empty");
        }
    }

    @Nested
    class ThreeAssets {
        private static final long THIRD = 333_333_333_333_333_333L;

        @Test
        void greedyMatchingFillsTheLargestBuyerFirst() {
            // NAV 10000; targets 1/3 (+1 wei on A) give target values floor(1e12/3) = 333333333333 units each.
            // Gaps: A +366666666667, B -133333333333, C -233333333333. A fills C, then B; A keeps 1 unit of residue.
            PortfolioSnapshot s = snapshot(7000, THIRD + 1, 2000, THIRD, 1000, THIRD);
            Decision d = decide(band(5 * PCT).build(), s);

            assertThat(d.plan().legs()).extracting(Leg::sellAsset, Leg::buyAsset, Leg::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("A", "C", 233_333_333_333L),
                    org.assertj.core.groups.Tuple.tuple("A", "B", 133_333_333_333L));
            long[] after = d.plan().applyTo(s.values());
            assertThat(after).containsExactly(333_333_333_334L, 333_333_333_333L, 333_333_333_333L);
            // Weights floor(v × 1e18 / 1e12): A 333333333334000000 (+666666 over its target), B and C
            // 333333333333000000 (-333333): the value unit, not the rebalance, limits how close weights get.
            assertThat(d.expectedAfter().deviations()).containsExactly(666_666L, -333_333L, -333_333L);
        }

        @Test
        void minimumTradeDropsOnlyTheSmallLeg() {
            PortfolioSnapshot s = snapshot(7000, THIRD + 1, 2000, THIRD, 1000, THIRD);
            Decision d = decide(band(5 * PCT).minTradeValue(whole(2000)).build(), s);

            assertThat(d.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(d.plan().legs()).singleElement().extracting(Leg::buyAsset).isEqualTo("C");
            // B stays at 20% (-13.33 points); A goes to 4666.67 (+13.33): still better than the 36.67 points before.
            assertThat(d.expectedAfter().maxAbs()).isLessThan(d.before().maxAbs());
            assertThat(d.expectedAfter().deviation(1)).isEqualTo(200_000_000_000_000_000L - THIRD);
        }

        @Test
        void twoSellersOneBuyer() {
            // targets 20/30/50 of 10000: A +1000, B +2000, C -3000; B (larger) sells first.
            Decision d = decide(band(5 * PCT).build(), snapshot(3000, 20 * PCT, 5000, 30 * PCT, 2000, 50 * PCT));
            assertThat(d.plan().legs()).extracting(Leg::sellAsset, Leg::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("B", whole(2000)),
                    org.assertj.core.groups.Tuple.tuple("A", whole(1000)));
            assertThat(d.expectedAfter().maxAbs()).isZero();
        }
    }

    @Nested
    class Modes {
        private final long week = 7 * DAY;
        private final long last = 100 * DAY;

        private PortfolioSnapshot at(long time, long value0) {
            return snapshot(time, last, GasQuote.FREE, value0, 50 * PCT, 10_000 - value0, 50 * PCT);
        }

        private Decision decideIn(RebalanceMode mode, long time, long value0) {
            return decide(band(5 * PCT).mode(mode).calendarInterval(week).build(), at(time, value0));
        }

        @Test
        void calendarRebalancesOnceTheIntervalElapsedWhateverTheDrift() {
            assertThat(decideIn(RebalanceMode.CALENDAR, last + week - 1, 5200).verdict()).isEqualTo(Verdict.NOT_DUE);
            Decision due = decideIn(RebalanceMode.CALENDAR, last + week, 5200);
            assertThat(due.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(due.trigger()).isEqualTo(Trigger.CALENDAR);
            assertThat(decideIn(RebalanceMode.CALENDAR, last + week, 5000).verdict()).isEqualTo(Verdict.AT_TARGET);
        }

        @Test
        void bandIgnoresTheCalendar() {
            Decision d = decideIn(RebalanceMode.BAND, last + 10 * week, 5200);
            assertThat(d.verdict()).isEqualTo(Verdict.NOT_DUE);
            assertThat(d.trigger()).as("a BAND vault has no calendar trigger").isEqualTo(Trigger.NONE);
            assertThat(d.explain()).contains("not due");
            assertThat(decideIn(RebalanceMode.BAND, last + 1, 6000).verdict()).isEqualTo(Verdict.REBALANCE);
        }

        /** Issue 18: the demo's band-mode vault labelled its first rebalance BAND_AND_CALENDAR. */
        @Test
        void aBandVaultsRebalanceIsLabelledBandEvenWhenTheIntervalHasPassed() {
            Decision d = decideIn(RebalanceMode.BAND, last + 10 * week, 6000);
            assertThat(d.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(d.trigger()).isEqualTo(Trigger.BAND);
            assertThat(d.explain()).contains("rebalance (BAND)").doesNotContain("CALENDAR");
            assertThat(decideIn(RebalanceMode.CALENDAR, last + week, 6000).trigger()).isEqualTo(Trigger.CALENDAR);
        }

        @Test
        void bandOrCalendarNeedsEither() {
            assertThat(decideIn(RebalanceMode.BAND_OR_CALENDAR, last + 1, 5200).verdict()).isEqualTo(Verdict.NOT_DUE);
            assertThat(decideIn(RebalanceMode.BAND_OR_CALENDAR, last + 1, 6000).trigger()).isEqualTo(Trigger.BAND);
            assertThat(decideIn(RebalanceMode.BAND_OR_CALENDAR, last + 1, 6000).rebalance()).isTrue();
            assertThat(decideIn(RebalanceMode.BAND_OR_CALENDAR, last + week, 5200).rebalance()).isTrue();
        }

        @Test
        void bandAndCalendarNeedsBoth() {
            assertThat(decideIn(RebalanceMode.BAND_AND_CALENDAR, last + 1, 6000).verdict()).isEqualTo(Verdict.NOT_DUE);
            assertThat(decideIn(RebalanceMode.BAND_AND_CALENDAR, last + week, 5200).verdict())
                    .isEqualTo(Verdict.NOT_DUE);
            Decision both = decideIn(RebalanceMode.BAND_AND_CALENDAR, last + week, 6000);
            assertThat(both.verdict()).isEqualTo(Verdict.REBALANCE);
            assertThat(both.trigger()).isEqualTo(Trigger.BAND_AND_CALENDAR);
        }

        @Test
        void modeTruthTable() {
            assertThat(RebalanceMode.BAND.isDue(true, false)).isTrue();
            assertThat(RebalanceMode.BAND.isDue(false, true)).isFalse();
            assertThat(RebalanceMode.CALENDAR.isDue(false, true)).isTrue();
            assertThat(RebalanceMode.CALENDAR.isDue(true, false)).isFalse();
            assertThat(RebalanceMode.BAND_OR_CALENDAR.isDue(false, false)).isFalse();
            assertThat(RebalanceMode.BAND_AND_CALENDAR.isDue(true, true)).isTrue();
        }
    }

    @Nested
    class OnChainAmounts {
        @Test
        void legAmountsAreInRawTokenUnits() {
            // 6000 USDC (6 decimals) and 2 WETH (18 decimals) at 2000: weights 60/40 against 50/50.
            Asset usdc = Asset.onChain("USDC", BigInteger.valueOf(6_000_000_000L), 6, BigInteger.TEN.pow(18), 50 * PCT);
            Asset weth = Asset.onChain("WETH", BigInteger.TWO.multiply(BigInteger.TEN.pow(18)), 18,
                    BigInteger.valueOf(2000).multiply(BigInteger.TEN.pow(18)), 50 * PCT);
            assertThat(usdc.value()).isEqualTo(whole(6000));
            assertThat(weth.value()).isEqualTo(whole(4000));

            Decision d = decide(band(5 * PCT).build(), new PortfolioSnapshot(List.of(usdc, weth), 0, 0, GasQuote.FREE));

            Leg leg = d.plan().legs().getFirst();
            assertThat(leg.sellAmount()).isEqualTo(BigInteger.valueOf(1_000_000_000L)); // 1000 USDC
            assertThat(leg.minBuyAmount()).isEqualTo(new BigInteger("495000000000000000")); // 990 / 2000 WETH
            assertThat(leg.toString()).contains("sell 1000000000 USDC").contains("WETH");
        }

        @Test
        void valueRoundsDownAndSellsNeverExceedTheBalance() {
            // 1 raw unit of an 18-decimal token at price 3: worth 3e-18, i.e. 0 value units.
            Asset dust = Asset.onChain("X", BigInteger.ONE, 18, BigInteger.valueOf(3), 0);
            assertThat(dust.value()).isZero();
            Asset odd = Asset.onChain("Y", BigInteger.valueOf(333), 0, new BigInteger("1000000000000000001"), WAD());
            assertThat(odd.sellAmount(odd.value())).isLessThanOrEqualTo(BigInteger.valueOf(333));
        }

        private static long WAD() {
            return FixedPoint.WAD;
        }
    }
}
