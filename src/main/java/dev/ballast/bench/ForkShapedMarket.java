package dev.ballast.bench;

import dev.ballast.venue.Token;
import dev.ballast.venue.VenueCurve;
import dev.ballast.venue.VenueSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A mainnet-shaped set of venues for WETH, WBTC, USDC and DAI, MODELLED (not read from mainnet): Uniswap V3 0.05%
 * and 0.3% pools with concentrated profiles, a Uniswap V2 pair and a Balancer 80/20 pool, with liquidity of the order
 * these pools have held on mainnet. Tokens are ordered by their mainnet addresses (WBTC < DAI < USDC < WETH), so each
 * V3 pool has the token0 it has there.
 */
final class ForkShapedMarket {
    static final Token WBTC = new Token("WBTC", 8, new BigDecimal("60000"));
    static final Token DAI = new Token("DAI", 18, BigDecimal.ONE);
    static final Token USDC = new Token("USDC", 6, BigDecimal.ONE);
    static final Token WETH = new Token("WETH", 18, new BigDecimal("3000"));
    static final List<Token> TOKENS = List.of(WETH, WBTC, USDC, DAI);

    /** One pool: a spec on a pair, {@code first} being V3's token0 or the weighted pool's first weight. */
    record Pool(String pair, Token first, Token second, VenueSpec spec) {}

    static final List<Pool> POOLS = List.of(
            pool(USDC, WETH, "v3:5:2e9:2"),          // USDC/WETH 0.05%: virtual reserve $2B, 60% within ±2%
            pool(USDC, WETH, "v3:30:3e8:5"),
            pool(USDC, WETH, "v2:30:2e7"),           // USDC/WETH V2: $20M a side
            pool(WETH, USDC, "balancer:30:2e7:80/20"),
            pool(WBTC, WETH, "v3:5:8e8:2"),
            pool(WBTC, WETH, "v3:30:4e8:5"),
            pool(WBTC, WETH, "balancer:30:3e7:80/20"), // 80 WBTC / 20 WETH, $30M
            pool(WBTC, USDC, "v3:5:1e8:2"),
            pool(WBTC, USDC, "v3:30:1.5e8:5"),
            pool(DAI, WETH, "v3:5:3e8:2"),
            pool(DAI, WETH, "v3:30:1e8:5"),
            pool(DAI, WETH, "v2:30:1e7"),
            pool(DAI, USDC, "v3:1:2e9:0.2"));

    private ForkShapedMarket() {}

    private static Pool pool(Token first, Token second, String spec) {
        return new Pool(first.symbol() + "/" + second.symbol(), first, second, VenueSpec.parse(spec));
    }

    /** Every pool's curve for selling {@code in} for {@code out}, named "PAIR KIND FEE". */
    static List<VenueCurve> curves(Token in, Token out) {
        List<VenueCurve> curves = new ArrayList<>();
        for (Pool p : POOLS) {
            boolean forward = p.first().equals(in) && p.second().equals(out);
            if (!forward && !(p.first().equals(out) && p.second().equals(in))) continue;
            VenueSpec s = p.spec();
            VenueSpec named = new VenueSpec(p.pair() + " " + s.name(), s.kind(), s.feePips(), s.liquidity(), s.weightFirst(),
                    s.rangePct(), s.gasPerSwap());
            curves.add(named.curve(in, out, forward));
        }
        return curves;
    }

    static Token token(String symbol) {
        return TOKENS.stream().filter(t -> t.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no token " + symbol));
    }
}
