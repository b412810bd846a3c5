package dev.ballast.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.Keys;

/**
 * A decoded revert in the units a person reads: {@code SwapFeeOutOfRange(fee=50%, min=0.0001%, max=10%)},
 * {@code SourcesDisagree(asset=WETH, min=2999.5, max=3105.2, maxDeviation=2%)}. The unit of each argument follows from
 * its Solidity name (the contracts name fees, bands and deviations as 1e18 fractions, prices as 1e18 numbers, times as
 * unix seconds); a token address is shown by its symbol and amounts of it in its decimals. Anything not recognised is
 * printed as the exact integer, never guessed.
 */
public final class RevertText {
    /** Looks up an address as an ERC-20 token; empty for anything else (an account, a vault, a feed). */
    @FunctionalInterface
    public interface Tokens {
        Optional<Token> lookup(String address);

        Tokens NONE = address -> Optional.empty();
    }

    public record Token(String symbol, int decimals) {}

    private enum Unit { FRACTION, PRICE, TIME, AMOUNT, PLAIN }

    private static final Set<String> FRACTIONS = Set.of("fee", "swapfee", "band", "drift", "driftbefore", "driftafter",
            "maxdeviation", "maxallowed", "weight", "sum");
    private static final Set<String> PRICES = Set.of("price", "oracleprice", "spot", "twap", "quoteprice");
    private static final Set<String> TIMES = Set.of("deadline", "timestamp", "dueat", "nextallowedat", "updatedat",
            "blocktimestamp", "upsince");
    private static final Set<String> AMOUNTS = Set.of("amount", "balance", "received", "expected", "amountin",
            "amountout", "minamountout", "maxamountin", "minamount", "spent");

    /** Prices to 10 significant digits: 3060.372347, not 3060.372347245603445121. */
    private static final MathContext PRICE_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);

    private RevertText() {}

    /** The revert as {@code Name(param=value, ...)}; the plain decoded form when the parameter names are unknown. */
    public static String describe(RevertDecoder.DecodedRevert revert, Tokens tokens) {
        List<Object> args = revert.args();
        List<String> names = revert.parameters();
        if (names.size() != args.size()) return revert.toString();
        Optional<Token> token = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            if (isAddress(revert, i) && token.isEmpty()) token = tokens.lookup(String.valueOf(args.get(i)));
        }
        List<String> parts = new ArrayList<>();
        Unit previous = null;
        for (int i = 0; i < args.size(); i++) {
            Object value = args.get(i);
            String name = names.get(i);
            String text;
            if (isAddress(revert, i)) {
                String address = String.valueOf(value);
                text = tokens.lookup(address).map(Token::symbol).orElseGet(() -> Keys.toChecksumAddress(address));
            } else if (value instanceof BigInteger n) {
                Unit unit = unitOf(name, previous, token.isPresent(), hasAddress(revert));
                text = format(n, unit, token);
                if (unit != Unit.PLAIN) previous = unit;
            } else {
                text = String.valueOf(value);
            }
            parts.add(name.isEmpty() ? text : name + "=" + text);
        }
        return revert.name() + "(" + String.join(", ", parts) + ")";
    }

    private static Unit unitOf(String parameter, Unit previous, boolean tokenKnown, boolean hasAddress) {
        String n = parameter.toLowerCase(Locale.ROOT);
        if (FRACTIONS.contains(n)) return Unit.FRACTION;
        if (PRICES.contains(n)) return Unit.PRICE;
        if (TIMES.contains(n)) return Unit.TIME;
        if (AMOUNTS.contains(n)) return tokenKnown ? Unit.AMOUNT : Unit.PLAIN;
        if (n.equals("min") || n.equals("max") || n.equals("minimum") || n.equals("maximum")) {
            // a bound is in the unit of what it bounds; an asset's bounds without one are its prices (SourcesDisagree)
            if (previous != null) return previous;
            return hasAddress ? Unit.PRICE : Unit.PLAIN;
        }
        return Unit.PLAIN;
    }

    private static String format(BigInteger n, Unit unit, Optional<Token> token) {
        return switch (unit) {
            case FRACTION -> plain(new BigDecimal(n, 16)) + "%";
            case PRICE -> plain(new BigDecimal(n, 18).round(PRICE_DIGITS));
            case TIME -> n.bitLength() < 40 ? Instant.ofEpochSecond(n.longValueExact()).toString() : n.toString();
            case AMOUNT -> plain(new BigDecimal(n, token.orElseThrow().decimals())) + " " + token.orElseThrow().symbol();
            case PLAIN -> n.toString();
        };
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static boolean isAddress(RevertDecoder.DecodedRevert revert, int i) {
        return i < revert.types().size() && revert.types().get(i).equals("address");
    }

    private static boolean hasAddress(RevertDecoder.DecodedRevert revert) {
        return revert.types().contains("address");
    }
}
