package dev.ballast.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.oracle.Aggregation.ExclusionReason;
import dev.ballast.oracle.Aggregation.RefusalReason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceAggregatorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final AggregationRules RULES = new AggregationRules(Duration.ofMinutes(5), 2, new BigDecimal("0.02"));
    private final PriceAggregator aggregator = new PriceAggregator(RULES);

    private static PriceQuote quote(String source, String price) {
        return quote(source, price, NOW.minusSeconds(10));
    }

    private static PriceQuote quote(String source, String price, Instant at) {
        return new PriceQuote("WETH", source, new BigDecimal(price), at);
    }

    private static PriceFailure failed(String source) {
        return new PriceFailure("WETH", source, PriceFailure.Problem.TIMEOUT, "no answer within 3000 ms");
    }

    private Aggregation.Price price(List<PriceReading> readings) {
        Aggregation a = aggregator.aggregate("WETH", readings, NOW);
        assertThat(a).isInstanceOf(Aggregation.Price.class);
        return (Aggregation.Price) a;
    }

    private Aggregation.Refusal refusal(List<PriceReading> readings, RefusalReason reason) {
        Aggregation a = aggregator.aggregate("WETH", readings, NOW);
        assertThat(a).isInstanceOf(Aggregation.Refusal.class);
        Aggregation.Refusal r = (Aggregation.Refusal) a;
        assertThat(r.reason()).isEqualTo(reason);
        return r;
    }

    @Test
    void medianOfThree() {
        Aggregation.Price p = price(List.of(quote("a", "3010"), quote("b", "3000"), quote("c", "3020")));
        assertThat(p.price()).isEqualByComparingTo("3010");
        assertThat(p.priceWad()).isEqualTo(new BigInteger("3010000000000000000000"));
        assertThat(p.used()).extracting(PriceQuote::source).containsExactly("b", "a", "c");
        assertThat(p.excluded()).isEmpty();
    }

    @Test
    void twoAgreeingSourcesGiveThePrimarysPriceNotTheirMean() {
        Aggregation.Price p = price(List.of(quote("a", "1.000000000000000002"), quote("b", "1.000000000000000001")));
        assertThat(p.priceWad()).isEqualTo(new BigInteger("1000000000000000002"));
    }

    @Test
    void aTwapPushedInsideTheBoundMovesNothingBeyondItIsRefused() {
        PriceAggregator twoKinds = new PriceAggregator(RULES, List.of(new SourceSpec("pool", SourceKind.TWAP, "0xpool"),
                SourceSpec.feed("chainlink")));
        Aggregation a = twoKinds.aggregate("WETH", List.of(quote("pool", "3059"), quote("chainlink", "3000")), NOW);
        assertThat(((Aggregation.Price) a).price()).isEqualByComparingTo("3000");
        a = twoKinds.aggregate("WETH", List.of(quote("pool", "3061"), quote("chainlink", "3000")), NOW);
        assertThat(((Aggregation.Refusal) a).reason()).isEqualTo(RefusalReason.SOURCES_DISAGREE);
    }

    @Test
    void configurationsTheRouterRefusesAreRefused() {
        AggregationRules quorumOne = new AggregationRules(Duration.ofMinutes(5), 1, new BigDecimal("0.02"));
        assertThatThrownBy(() -> new PriceAggregator(quorumOne, List.of(SourceSpec.feed("chainlink"),
                new SourceSpec("pool", SourceKind.TWAP, "0xpool"))))
                .isInstanceOfSatisfying(InvalidSourcesException.class,
                        e -> assertThat(e.rule()).isEqualTo(InvalidSourcesException.Rule.QUORUM_TOO_LOW_FOR_TWAP));
        assertThatThrownBy(() -> new PriceAggregator(RULES, List.of(new SourceSpec("usdc", SourceKind.FEED, "0xfeed"),
                new SourceSpec("usdc-twap", SourceKind.TWAP, "0xFEED"))))
                .isInstanceOfSatisfying(InvalidSourcesException.class,
                        e -> assertThat(e.rule()).isEqualTo(InvalidSourcesException.Rule.DUPLICATE_UNDERLYING))
                .hasMessageContaining("both read 0xFEED");
        assertThat(new PriceAggregator(quorumOne, List.of(SourceSpec.feed("a"), SourceSpec.feed("b")))).isNotNull();
    }

    @Test
    void medianOfFourUsesMiddleTwo() {
        Aggregation.Price p = price(List.of(quote("a", "100"), quote("b", "101"), quote("c", "100.5"), quote("d", "99.9")));
        assertThat(p.price()).isEqualByComparingTo("100.25");
    }

    @Test
    void pricesAreFlooredTo18DecimalsBeforeTheMedianAsTheRouterSeesThem() {
        // the router sees 1.0 and 1.000000000000000001 (the extra digit dropped), not 1.0000000000000000015
        Aggregation.Price p = price(List.of(quote("b", "1.0000000000000000015"), quote("a", "1.0000000000000000005")));
        assertThat(p.priceWad()).isEqualTo(new BigInteger("1000000000000000001"));
    }

    @Test
    void quorumNotMetWhenSourcesFail() {
        Aggregation.Refusal r = refusal(List.of(quote("a", "3000"), failed("b"), failed("c")),
                RefusalReason.QUORUM_NOT_MET);
        assertThat(r.detail()).startsWith("1 healthy of 3 sources, quorum 2").contains("b FAILED (TIMEOUT");
        assertThat(r.excluded()).extracting(Aggregation.Exclusion::reason)
                .containsExactly(ExclusionReason.FAILED, ExclusionReason.FAILED);
    }

    @Test
    void staleQuotesDoNotCount() {
        Aggregation.Refusal r = refusal(List.of(quote("a", "3000"), quote("b", "3001", NOW.minusSeconds(301))),
                RefusalReason.QUORUM_NOT_MET);
        assertThat(r.excluded()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("b");
            assertThat(e.reason()).isEqualTo(ExclusionReason.STALE);
        });
    }

    @Test
    void exactlyMaxAgeIsStillFresh() {
        price(List.of(quote("a", "3000", NOW.minus(Duration.ofMinutes(5))), quote("b", "3001")));
    }

    @Test
    void futureQuotesDoNotCount() {
        Aggregation.Refusal r = refusal(List.of(quote("a", "3000"), quote("b", "3001", NOW.plusSeconds(1))),
                RefusalReason.QUORUM_NOT_MET);
        assertThat(r.excluded()).extracting(Aggregation.Exclusion::reason)
                .containsExactly(ExclusionReason.FUTURE_TIMESTAMP);
    }

    @Test
    void zeroNegativeAndSubWeiPricesDoNotCount() {
        Aggregation.Refusal r = refusal(List.of(quote("a", "3000"), quote("b", "0"), quote("c", "-1"),
                quote("d", "0.0000000000000000009")), RefusalReason.QUORUM_NOT_MET);
        assertThat(r.excluded()).extracting(Aggregation.Exclusion::reason).containsOnly(ExclusionReason.NON_POSITIVE);
        assertThat(r.excluded()).hasSize(3);
    }

    @Test
    void unhealthySourcesAreReportedEvenWhenThePriceIsGiven() {
        Aggregation.Price p = price(List.of(quote("a", "3000"), quote("b", "3001"), failed("c")));
        assertThat(p.excluded()).extracting(Aggregation.Exclusion::source).containsExactly("c");
        assertThat(p.priceWad()).as("two healthy left: the primary's").isEqualTo(new BigInteger("3000000000000000000000"));
    }

    @Test
    void disagreementAtTheBoundIsAccepted() {
        price(List.of(quote("a", "100"), quote("b", "102")));
    }

    @Test
    void disagreementOneWeiOverTheBoundIsRefusedBecauseTheSpreadRoundsUp() {
        // (102.000000000000000001 - 100) / 100 = 0.02000000000000000001: rounds up to 0.02 + 1e-18
        Aggregation.Refusal r = refusal(List.of(quote("a", "100"), quote("b", "102.000000000000000001")),
                RefusalReason.SOURCES_DISAGREE);
        assertThat(r.detail()).isEqualTo("healthy prices range from 100.000000000000000000 to 102.000000000000000001,"
                + " spread 0.020000000000000001 > allowed 0.02");
    }

    @Test
    void disagreementUsesAllHealthySourcesNotJustTheMedianNeighbours() {
        refusal(List.of(quote("a", "100"), quote("b", "100.1"), quote("c", "100.2"), quote("d", "110")),
                RefusalReason.SOURCES_DISAGREE);
    }

    @Test
    void quorumIsCheckedBeforeDisagreement() {
        // the two healthy prices disagree wildly, but with quorum 3 the router reverts QuorumNotMet first
        Aggregation a = new PriceAggregator(new AggregationRules(Duration.ofMinutes(5), 3, new BigDecimal("0.02")))
                .aggregate("WETH", List.of(quote("a", "100"), quote("b", "200"), failed("c")), NOW);
        assertThat(((Aggregation.Refusal) a).reason()).isEqualTo(RefusalReason.QUORUM_NOT_MET);
    }

    @Test
    void noSources() {
        assertThat(refusal(List.of(), RefusalReason.NO_SOURCES).detail()).contains("WETH");
    }

    @Test
    void quorumOfOneTrustsALoneSurvivor() {
        Aggregation a = new PriceAggregator(new AggregationRules(Duration.ofMinutes(5), 1, new BigDecimal("0.02")))
                .aggregate("WETH", List.of(quote("a", "3000"), failed("b")), NOW);
        assertThat(((Aggregation.Price) a).price()).isEqualByComparingTo("3000");
    }

    @Test
    void rulesHaveTheRoutersBounds() {
        assertThatThrownBy(() -> new AggregationRules(Duration.ofMinutes(1), 0, new BigDecimal("0.1")))
                .hasMessageContaining("quorum");
        assertThatThrownBy(() -> new AggregationRules(Duration.ofMinutes(1), 2, new BigDecimal("0.51")))
                .hasMessageContaining("(0, 0.5]");
        assertThatThrownBy(() -> new AggregationRules(Duration.ofMinutes(1), 2, BigDecimal.ZERO))
                .hasMessageContaining("(0, 0.5]");
        assertThatThrownBy(() -> new AggregationRules(Duration.ZERO, 2, new BigDecimal("0.1")))
                .hasMessageContaining("maxAge");
        assertThat(new AggregationRules(Duration.ofMinutes(1), 2, new BigDecimal("0.5")).maxDisagreementWad())
                .isEqualTo(new BigInteger("500000000000000000"));
    }
}
