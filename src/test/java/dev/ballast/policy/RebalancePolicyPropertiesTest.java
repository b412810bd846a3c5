package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link RebalancePolicy} on random portfolios. Each case is seeded, so a failure names the seed that
 * reproduces it.
 */
class RebalancePolicyPropertiesTest {
    private static final long NOW = 20_000 * 86_400L;

    static LongStream seeds() {
        return LongStream.range(0, 250);
    }

    /** A policy that is always due (calendar elapsed, no cooldown), trades everything and ignores gas. */
    private static PolicyParams alwaysDue(SplittableRandom r) {
        return PolicyParams.builder().mode(RebalanceMode.CALENDAR).calendarInterval(1).band(r.nextLong(WAD / 1000, WAD / 4))
                .maxTradeFraction(r.nextBoolean() ? WAD : r.nextLong(WAD / 100, WAD)).build();
    }

    private static PortfolioSnapshot snapshot(List<Asset> assets, GasQuote gas) {
        return new PortfolioSnapshot(assets, NOW, 0, gas);
    }

    /** How far from target the value unit lets weights land: n units of floor residue over NAV, plus one. */
    private static long roundingBound(int n, long nav) {
        return FixedPoint.mulDivUp(n, WAD, nav) + 1;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fullPlanReachesTargetsWithoutRaisingDrift(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams params = alwaysDue(r);
        PortfolioSnapshot s = snapshot(RandomPortfolios.assets(r), GasQuote.FREE);
        Decision d = new RebalancePolicy(params).decide(s);
        long nav = s.nav();

        if (nav == 0) {
            assertThat(d.verdict()).isEqualTo(Verdict.EMPTY_PORTFOLIO);
            return;
        }
        assertThat(d.verdict()).isIn(Verdict.REBALANCE, Verdict.AT_TARGET);
        long bound = roundingBound(s.size(), nav);
        assertThat(d.expectedAfter().maxAbs()).isLessThanOrEqualTo(Math.max(d.before().maxAbs(), bound));
        assertThat(d.expectedAfter().maxAbs()).isLessThanOrEqualTo(bound);
        if (nav >= ValueUnits.ONE) assertThat(d.expectedAfter().maxAbs()).isLessThanOrEqualTo(params.band());
        for (int i = 0; i < s.size(); i++) {
            long target = FixedPoint.mulDivDown(s.assets().get(i).targetWeight(), nav, WAD);
            long after = d.plan().applyTo(s.values())[i];
            assertThat(after).isBetween(target, target + s.size()); // buyers exact, sellers keep floor residue
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void legsMoveValueWithoutCreatingOrOverselling(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams params = RandomPortfolios.params(r);
        PortfolioSnapshot s = new PortfolioSnapshot(RandomPortfolios.assets(r), NOW, NOW - r.nextLong(0, 200 * 86_400L),
                RandomPortfolios.gas(r));
        Decision d = new RebalancePolicy(params).decide(s);
        long[] before = s.values();
        long[] after = d.plan().applyTo(before);

        assertThat(LongStream.of(after).sum()).isEqualTo(LongStream.of(before).sum());
        assertThat(LongStream.of(after).min().orElseThrow()).isNotNegative();
        assertThat(d.expectedAfter()).isEqualTo(d.rebalance() ? Drift.of(after, s.targets()) : d.before());
        long cap = Math.max(1, FixedPoint.mulWadDown(s.nav(), params.maxTradeFraction()));
        BigInteger[] sold = new BigInteger[s.size()];
        java.util.Arrays.fill(sold, BigInteger.ZERO);
        for (Leg leg : d.plan().legs()) {
            assertThat(leg.value()).isPositive().isLessThanOrEqualTo(cap);
            assertThat(leg.minBuyValue()).isLessThanOrEqualTo(leg.value());
            assertThat(after[leg.sellIndex()]).isLessThan(before[leg.sellIndex()]); // sold: only shrinks
            assertThat(after[leg.buyIndex()]).isGreaterThan(before[leg.buyIndex()]); // bought: only grows
            sold[leg.sellIndex()] = sold[leg.sellIndex()].add(leg.sellAmount());
        }
        for (int i = 0; i < s.size(); i++) {
            Asset a = s.assets().get(i);
            BigInteger held = a.hasBalance() ? a.balance() : BigInteger.valueOf(a.value());
            assertThat(sold[i]).isLessThanOrEqualTo(held);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void callsRespectTheCapAndAreNumberedInOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams params = alwaysDue(r).toBuilder().maxTradeFraction(r.nextLong(WAD / 200, WAD / 5)).build();
        PortfolioSnapshot s = snapshot(RandomPortfolios.assets(r), GasQuote.FREE);
        TradePlan plan = new RebalancePolicy(params).decide(s).plan();
        long cap = Math.max(1, FixedPoint.mulWadDown(s.nav(), params.maxTradeFraction()));

        int calls = plan.calls();
        assertThat(plan.legs()).extracting(Leg::call).isSorted();
        assertThat(plan.legs()).allSatisfy(leg -> assertThat(leg.calls()).isEqualTo(calls));
        long total = 0;
        for (int call = 1; call <= calls; call++) {
            long inCall = plan.call(call).stream().mapToLong(Leg::value).sum();
            assertThat(inCall).isPositive().isLessThanOrEqualTo(cap);
            if (call < calls) assertThat(inCall).isEqualTo(cap); // first-fit: only the last call is partial
            total += inCall;
        }
        assertThat(calls).isEqualTo(total == 0 ? 0 : (int) ((total + cap - 1) / cap));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void verdictFollowsTheChecksInOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams p = RandomPortfolios.params(r);
        long last = NOW - r.nextLong(0, 120 * 86_400L);
        PortfolioSnapshot s = new PortfolioSnapshot(RandomPortfolios.assets(r), NOW, last, RandomPortfolios.gas(r));
        Decision d = new RebalancePolicy(p).decide(s);

        long maxDrift = independentMaxDrift(s);
        assertThat(d.before().maxAbs()).isEqualTo(maxDrift);
        boolean band = maxDrift > p.band();
        boolean calendar = p.mode() != RebalanceMode.BAND && NOW - last >= p.calendarInterval();
        boolean due = switch (p.mode()) {
            case BAND -> band;
            case CALENDAR -> calendar;
            case BAND_OR_CALENDAR -> band || calendar;
            case BAND_AND_CALENDAR -> band && calendar;
        };
        if (s.nav() == 0) {
            assertThat(d.verdict()).isEqualTo(Verdict.EMPTY_PORTFOLIO);
        } else if (!due) {
            assertThat(d.verdict()).isEqualTo(Verdict.NOT_DUE);
        } else if (NOW - last < p.cooldown()) {
            assertThat(d.verdict()).isEqualTo(Verdict.COOLDOWN);
        } else {
            assertThat(d.verdict()).isIn(Verdict.AT_TARGET, Verdict.BELOW_MIN_TRADE, Verdict.GAS_EXCEEDS_BENEFIT,
                    Verdict.REBALANCE);
        }
        switch (d.verdict()) {
            case REBALANCE -> {
                assertThat(d.gasCost()).isLessThanOrEqualTo(d.benefit());
                assertThat(d.gasCost()).isEqualTo(s.gas().cost(d.plan().calls(), d.plan().swaps()));
                java.util.Map<String, Long> byPair = new java.util.HashMap<>();
                d.plan().legs().forEach(leg -> byPair.merge(leg.sellAsset() + ">" + leg.buyAsset(), leg.value(), Long::sum));
                assertThat(byPair.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(p.minTradeValue()));
            }
            case GAS_EXCEEDS_BENEFIT -> assertThat(d.gasCost()).isGreaterThan(d.benefit());
            case BELOW_MIN_TRADE -> assertThat(d.largestLeg()).isLessThan(p.minTradeValue());
            default -> assertThat(d.plan().isEmpty()).isTrue();
        }
        assertThat(d.explain()).isNotBlank();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decisionsAreDeterministic(long seed) {
        PolicyParams p = RandomPortfolios.params(new SplittableRandom(seed));
        PortfolioSnapshot a = snapshotFor(seed);
        PortfolioSnapshot b = snapshotFor(seed);
        assertThat(new RebalancePolicy(p).decide(a)).isEqualTo(new RebalancePolicy(p).decide(b));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void dearerGasNeverTurnsASkipIntoARebalance(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams p = alwaysDue(r).toBuilder().correctionBenefit(r.nextLong(0, WAD / 20)).build();
        List<Asset> assets = RandomPortfolios.assets(r);
        GasQuote cheap = new GasQuote(r.nextLong(0, 100_000_000_000L), 100_000, 120_000, 3_000 * ValueUnits.ONE);
        GasQuote dear = new GasQuote(cheap.gasPriceWei() * 3 + 1, 100_000, 120_000, 3_000 * ValueUnits.ONE);
        Decision atCheap = new RebalancePolicy(p).decide(snapshot(assets, cheap));
        Decision atDear = new RebalancePolicy(p).decide(snapshot(assets, dear));
        if (atDear.rebalance()) assertThat(atCheap.rebalance()).isTrue();
        if (atCheap.verdict() == Verdict.GAS_EXCEEDS_BENEFIT) {
            assertThat(atDear.verdict()).isEqualTo(Verdict.GAS_EXCEEDS_BENEFIT);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aHigherMinimumNeverAddsLegsNorRemovesMoreDrift(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PolicyParams low = alwaysDue(r).toBuilder().maxTradeFraction(WAD).minTradeValue(r.nextLong(0, 1_000_000)).build();
        PolicyParams high = low.toBuilder().minTradeValue(low.minTradeValue() * 2 + r.nextLong(1, 1_000_000_000L)).build();
        PortfolioSnapshot s = snapshot(RandomPortfolios.assets(r), GasQuote.FREE);
        Decision dLow = new RebalancePolicy(low).decide(s);
        Decision dHigh = new RebalancePolicy(high).decide(s);
        assertThat(dHigh.plan().swaps()).isLessThanOrEqualTo(dLow.plan().swaps());
        assertThat(dHigh.plan().totalValue()).isLessThanOrEqualTo(dLow.plan().totalValue());
    }

    private static PortfolioSnapshot snapshotFor(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomPortfolios.params(r);
        return new PortfolioSnapshot(RandomPortfolios.assets(r), NOW, NOW - 86_400, RandomPortfolios.gas(r));
    }

    /** Max |weight − target| with BigInteger arithmetic, as a cross-check of the long path. */
    /**
     * Weights of value units, or, when every asset came from chain, of exact numeraire wei (balance × price /
     * 10^decimals, rounded down) as the vault weighs them.
     */
    private static long independentMaxDrift(PortfolioSnapshot s) {
        boolean onChain = s.assets().stream().allMatch(Asset::hasBalance);
        List<BigInteger> values = s.assets().stream().map(a -> onChain
                ? a.balance().multiply(a.price()).divide(BigInteger.TEN.pow(a.decimals()))
                : BigInteger.valueOf(a.value())).toList();
        BigInteger nav = values.stream().reduce(BigInteger.ZERO, BigInteger::add);
        long max = 0;
        for (int i = 0; i < values.size(); i++) {
            long weight = nav.signum() == 0 ? 0 : values.get(i).multiply(BigInteger.valueOf(WAD)).divide(nav).longValueExact();
            max = Math.max(max, Math.abs(weight - s.assets().get(i).targetWeight()));
        }
        return max;
    }
}
