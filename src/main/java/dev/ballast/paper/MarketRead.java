package dev.ballast.paper;

import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultState;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the live chain said at one block, for every paper vault at once: the block's time and base fee, each router's
 * price of each asset, and each venue's spot and TWAP of each ordered pair (as the vault's guard would ask for them).
 */
public record MarketRead(long block, long timestamp, BigInteger baseFee, Map<String, PriceReading> routerPrices,
        Map<String, VaultState.VenuePrice> venuePrices) {
    public MarketRead {
        routerPrices = Map.copyOf(routerPrices);
        venuePrices = Map.copyOf(venuePrices);
    }

    static String routerKey(String router, String asset) {
        return (router + "|" + asset).toLowerCase(Locale.ROOT);
    }

    static String venueKey(String venue, String base, String quote, long window) {
        return (venue + "|" + base + "|" + quote + "|" + window).toLowerCase(Locale.ROOT);
    }

    PriceReading routerPrice(String router, String asset) {
        PriceReading r = routerPrices.get(routerKey(router, asset));
        return r == null ? new PriceReading(PriceReading.Status.NOT_READ, BigInteger.ZERO) : r;
    }

    Optional<VaultState.VenuePrice> venuePrice(String venue, String base, String quote, long window) {
        return Optional.ofNullable(venuePrices.get(venueKey(venue, base, quote, window)));
    }
}
