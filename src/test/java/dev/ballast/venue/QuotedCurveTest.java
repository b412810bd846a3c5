package dev.ballast.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotedCurveTest {
    private static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    private static final QuotedCurve LADDER = new QuotedCurve("q", "quoted", List.of(n(100), n(200), n(400), n(800)),
            List.of(n(99), n(196), n(380), n(0)), 1);

    @Test
    void interpolatesBetweenQuotesRoundingDownAndRefusesPastWhatTheVenueCouldFill() {
        assertThat(LADDER.amountOut(n(100))).contains(n(99));
        assertThat(LADDER.amountOut(n(50))).contains(n(49)); // 99·50/100 = 49.5, down
        assertThat(LADDER.amountOut(n(300))).contains(n(288)); // 196 + (380 − 196)·100/200
        assertThat(LADDER.amountOut(n(401))).as("the venue quoted 0 at 800: nothing above 400 is fillable").isEmpty();
        assertThat(LADDER.amountOut(n(1))).isEmpty(); // rounds to 0
        assertThat(LADDER.marginalRate()).isEqualByComparingTo("0.99");
    }

    @Test
    void theRouterSplitsAcrossAQuotedVenueAndAModelledOne() {
        // a quoted venue with the same curve as a V2 pair: the router treats both alike
        ConstantProductCurve pair = new ConstantProductCurve("pair", n(1_000_000), n(1_000_000), 3000, 0);
        List<BigInteger> in = List.of(n(50_000), n(100_000), n(200_000), n(300_000));
        QuotedCurve quoted = new QuotedCurve("quoted", "quoted", in, in.stream().map(a -> pair.amountOut(a).orElseThrow()).toList(), 0);
        Route r = Router.decide(new LegRequest("A", "B", n(200_000), n(200_000), java.math.BigDecimal.ZERO), List.of(pair, quoted),
                new RoutingParams(0, 1, 0, 2));
        assertThat(r.kind()).isEqualTo(Route.Kind.SPLIT);
        assertThat(r.fills()).extracting(Route.Fill::amountIn).allSatisfy(a -> assertThat(a).isBetween(n(95_000), n(105_000)));
    }

    @Test
    void aLadderMustIncrease() {
        assertThatThrownBy(() -> new QuotedCurve("q", "quoted", List.of(n(2), n(1)), List.of(n(1), n(1)), 1))
                .hasMessageContaining("quoted amounts of q must increase");
    }
}
