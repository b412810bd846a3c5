package dev.ballast.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.PolicyParams;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    private static final PolicyParams BASE = PolicyParams.builder().build();

    @Test
    void monthlyCalendarOnDailyBarsRebalancesOnTheFirstBarPastEachInterval() {
        // 366 bars = one year; 30.44-day interval: days 31, 62, ..., 341 -> 11 rebalances
        PriceSeries year = Bars.randomWalk(3, 2, 366);
        BacktestResult r = new BacktestEngine(year, BacktestConfig.equalWeights(10_000, 2), CostModel.FREE)
                .run(Strategies.calendar(CalendarPeriod.MONTHLY, BASE));
        assertThat(r.measures().rebalances()).isEqualTo(11);
    }

    @Test
    void calendarDailyWithoutCostsHasNearZeroTrackingError() {
        PriceSeries prices = Bars.randomWalk(11, 4, 730);
        BacktestResult r = new BacktestEngine(prices, BacktestConfig.of(1_000_000, 0, 0.4, 0.3, 0.2, 0.1),
                CostModel.FREE).run(Strategies.calendar(CalendarPeriod.DAILY, BASE));
        assertThat(r.measures().trackingError()).isLessThan(1e-7);
        assertThat(r.measures().rebalances()).isEqualTo(729);
    }

    @Test
    void theStandardSetRunsSideBySide() {
        PriceSeries prices = Bars.randomWalk(5, 3, 2 * 365 + 1);
        CostModel costs = new CostModel(0.003, 5_000_000, GasModel.constant(150_000, 100_000, 20_000_000_000L, 2_000));
        List<BacktestResult> results = new BacktestEngine(prices, BacktestConfig.equalWeights(1_000_000, 3), costs)
                .runAll(Strategies.standardSet(BASE, 0.003, 0.05));
        Map<String, Measures> by = results.stream()
                .collect(Collectors.toMap(BacktestResult::strategy, BacktestResult::measures, (a, b) -> a,
                        java.util.LinkedHashMap::new));

        assertThat(by).hasSize(14);
        assertThat(by.get("buy-and-hold").turnover()).isZero();
        // more frequent calendars trade at least as often and keep drift lower
        List<Measures> calendars = List.of(by.get("calendar daily"), by.get("calendar weekly"),
                by.get("calendar monthly"), by.get("calendar quarterly"), by.get("calendar annual"));
        for (int k = 1; k < calendars.size(); k++) {
            assertThat(calendars.get(k).rebalances()).isLessThanOrEqualTo(calendars.get(k - 1).rebalances());
            assertThat(calendars.get(k).averageDrift()).isGreaterThanOrEqualTo(calendars.get(k - 1).averageDrift());
        }
        // a band bounds the drift it tolerates at each close before trading: max drift after trading stays near it
        assertThat(by.get("band 10%").rebalances()).isLessThanOrEqualTo(by.get("band 1%").rebalances());
        assertThat(by.get("calendar monthly or band 5%").rebalances())
                .isGreaterThanOrEqualTo(by.get("calendar monthly").rebalances());
        assertThat(by.get("band 5% after quarterly interval").rebalances())
                .isLessThanOrEqualTo(by.get("calendar quarterly").rebalances());
        // on dates the band is seen at most once a quarter
        assertThat(by.get("band 5% on quarterly dates").rebalances())
                .isLessThanOrEqualTo(by.get("calendar quarterly").rebalances());
        assertThat(by.values()).allSatisfy(m -> assertThat(m.asMap()).containsKeys("return %", "tracking error %"));
        assertThat(results).extracting(BacktestResult::strategy).doesNotHaveDuplicates();
        Function<String, Double> gas = name -> by.get(name).gas();
        assertThat(gas.apply("calendar daily")).isGreaterThan(gas.apply("calendar annual"));
    }
}
