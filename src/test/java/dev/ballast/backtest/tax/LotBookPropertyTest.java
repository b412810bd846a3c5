package dev.ballast.backtest.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random buy/sell sequences (seeded; the seed is in the test name) over three assets with every lot selection,
 * specific lots and wash sales, then a full liquidation. Whatever happened in between, money must be conserved.
 */
class LotBookPropertyTest {
    private static final List<String> ASSETS = List.of("ETH", "BTC", "SOL");

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void basisAndGainsAreConserved(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LotBook book = new LotBook(new TaxRules(365, rnd.nextInt(0, 2) * 30), new TaxRates(0.4, 0.2));
        Map<String, Double> price = new LinkedHashMap<>();
        ASSETS.forEach(a -> price.put(a, 100.0));
        long now = LotBookTest.T0;
        double bought = 0;
        double proceeds = 0;
        for (int step = 0; step < 60; step++) {
            now += rnd.nextLong(0, 20) * TaxRules.DAY_SECONDS;
            for (String a : ASSETS) {
                price.put(a, price.get(a) * Math.exp(rnd.nextGaussian() * 0.1));
            }
            String a = ASSETS.get(rnd.nextInt(ASSETS.size()));
            double held = book.quantity(a);
            if (held <= 0 || rnd.nextInt(3) == 0) {
                double q = 0.1 + rnd.nextDouble() * 10;
                book.buy(a, q, price.get(a), now);
                bought += q * price.get(a);
            } else {
                proceeds += sellSome(book, rnd, a, held, price.get(a), now).stream().mapToDouble(Disposal::proceeds)
                        .sum();
            }
            assertBasisConserved(book, bought);
        }
        now += TaxRules.DAY_SECONDS;
        for (String a : ASSETS) {
            double held = book.quantity(a);
            if (held > 0) {
                proceeds += book.sell(a, held, price.get(a), now, LotSelection.FIFO).stream()
                        .mapToDouble(Disposal::proceeds).sum();
            }
        }
        assertThat(book.assets().stream().mapToDouble(book::quantity).sum()).isCloseTo(0, within(1e-6));
        // Deferred losses come back when the replacement lots are sold: after liquidating, what was recognized is
        // exactly what was made.
        RealizedGains r = book.realized();
        assertThat(r.total()).as("seed %d", seed).isCloseTo(proceeds - bought, within(1e-6 * (1 + bought)));
        for (Disposal d : book.disposals()) {
            assertThat(d.disallowedLoss()).as("seed %d lot %d", seed, d.lotId())
                    .isBetween(0.0, Math.max(0, -d.gain()) + 1e-9);
        }
    }

    private static List<Disposal> sellSome(LotBook book, SplittableRandom rnd, String a, double held, double p,
                                           long now) {
        double q = held * (rnd.nextInt(4) == 0 ? 1 : rnd.nextDouble());
        if (q <= 0) {
            q = held;
        }
        if (rnd.nextInt(5) == 0) {
            Lot lot = book.lots(a).get(rnd.nextInt(book.lots(a).size()));
            return book.sellLots(a, Map.of(lot.id(), lot.quantity() * rnd.nextDouble(0.01, 1)), p, now);
        }
        LotSelection sel = LotSelection.values()[rnd.nextInt(LotSelection.values().length)];
        return book.sell(a, q, p, now, sel);
    }

    /** Everything paid is either still in a lot's basis or went out as a sold lot's basis, less deferred losses. */
    private static void assertBasisConserved(LotBook book, double bought) {
        double held = book.assets().stream().mapToDouble(book::costBasis).sum();
        double soldBasis = book.disposals().stream().mapToDouble(Disposal::costBasis).sum();
        double deferred = book.disposals().stream().mapToDouble(Disposal::disallowedLoss).sum();
        assertThat(held + soldBasis).isCloseTo(bought + deferred, within(1e-6 * (1 + bought)));
    }
}
