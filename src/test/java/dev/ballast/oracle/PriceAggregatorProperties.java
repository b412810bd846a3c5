package dev.ballast.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded generated cases checked against a direct restatement of the router's getPrice (all sources feeds). */
class PriceAggregatorProperties {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    static Stream<Long> seeds() {
        return IntStream.range(0, 400).mapToObj(i -> 0x0AC1EL * 31 + i);
    }

    /** One generated input and what a router would consider healthy in it. */
    record Case(List<PriceReading> readings, List<BigInteger> healthy, int quorum, BigDecimal maxDev) {
        Aggregation aggregate() {
            return new PriceAggregator(new AggregationRules(Duration.ofMinutes(10), quorum, maxDev))
                    .aggregate("X", readings, NOW);
        }
    }

    private static Case generated(long seed) {
        Random rnd = new Random(seed);
        int n = rnd.nextInt(1, 9);
        int quorum = rnd.nextInt(1, n + 1);
        BigDecimal maxDev = BigDecimal.valueOf(rnd.nextLong(1, 300_000_000_000_000_001L), 18);
        List<PriceReading> readings = new ArrayList<>();
        List<BigInteger> healthy = new ArrayList<>();
        BigInteger center = BigInteger.valueOf(rnd.nextLong(1, 10_000)).multiply(Wad.ONE);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(6);
            // up to +30% from the center, plus wei-level noise so rounding at the 18th decimal is exercised
            BigInteger wad = center.add(center.multiply(BigInteger.valueOf(rnd.nextLong(0, 300_001)))
                    .divide(BigInteger.valueOf(1_000_000))).add(BigInteger.valueOf(rnd.nextLong(0, 1000)));
            Instant at = NOW.minusSeconds(rnd.nextInt(0, 60));
            switch (kind) {
                case 0 -> readings.add(new PriceFailure("X", "s" + i, PriceFailure.Problem.HTTP_STATUS, "HTTP 502"));
                case 1 -> readings.add(new PriceQuote("X", "s" + i, Wad.toDecimal(wad), NOW.minusSeconds(3600)));
                default -> {
                    readings.add(new PriceQuote("X", "s" + i, Wad.toDecimal(wad), at));
                    healthy.add(wad);
                }
            }
        }
        return new Case(readings, healthy, quorum, maxDev);
    }

    @Test
    void generatedCasesReachEveryOutcome() {
        Map<String, Long> counts = seeds().map(seed -> generated(seed).aggregate())
                .collect(Collectors.groupingBy(a -> a instanceof Aggregation.Refusal r ? r.reason().name() : "PRICE",
                        Collectors.counting()));
        assertThat(counts).containsKeys("PRICE", "QUORUM_NOT_MET", "SOURCES_DISAGREE");
        assertThat(counts.values()).allMatch(c -> c >= 20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithRouterSemantics(long seed) {
        Case c = generated(seed);
        Aggregation a = c.aggregate();
        List<BigInteger> healthy = c.healthy();
        int quorum = c.quorum();
        BigDecimal maxDev = c.maxDev();

        if (healthy.size() < quorum) {
            assertThat(((Aggregation.Refusal) a).reason()).isEqualTo(Aggregation.RefusalReason.QUORUM_NOT_MET);
            return;
        }
        List<BigInteger> s = healthy.stream().sorted().toList();
        BigInteger lo = s.getFirst();
        BigInteger hi = s.getLast();
        // spread > maxDev, rounding the spread up  <=>  (hi - lo) * 1e18 > maxDevWad * lo
        boolean disagree = hi.subtract(lo).multiply(Wad.ONE).compareTo(Wad.fromDecimalDown(maxDev).multiply(lo)) > 0;
        if (disagree) {
            assertThat(((Aggregation.Refusal) a).reason()).isEqualTo(Aggregation.RefusalReason.SOURCES_DISAGREE);
            return;
        }
        int m = s.size() / 2;
        // of one or two healthy: the first in order (every generated source is a feed); of three or more: the median
        BigInteger median = s.size() < 3 ? healthy.getFirst()
                : s.size() % 2 == 1 ? s.get(m) : s.get(m - 1).add(s.get(m)).divide(BigInteger.TWO);
        Aggregation.Price p = (Aggregation.Price) a;
        assertThat(p.priceWad()).isEqualTo(median).isBetween(lo, hi);
        assertThat(p.used()).hasSize(healthy.size());
    }
}
