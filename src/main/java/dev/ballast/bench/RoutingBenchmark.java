package dev.ballast.bench;

import dev.ballast.policy.Asset;
import dev.ballast.policy.Decision;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.policy.ValueUnits;
import dev.ballast.venue.LegRequest;
import dev.ballast.venue.Route;
import dev.ballast.venue.Router;
import dev.ballast.venue.RoutingParams;
import dev.ballast.venue.Token;
import dev.ballast.venue.VenueCurve;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 14 §6: a $10M four-asset vault (targets WETH 30%, WBTC 30%, USDC 20%, DAI 20%) after ETH rallied and BTC fell,
 * planned by the keeper's own policy, each leg routed over the {@link ForkShapedMarket} venues: execution cost against
 * the oracle-implied value, gas included, for the best single venue, the best split, and sliced execution.
 */
public final class RoutingBenchmark {
    /** Holdings in whole tokens: worth WETH $3.85M, WBTC $2.48M, USDC $1.835M, DAI $1.835M. */
    private static final String[][] HOLDINGS = {{"WETH", "1283.333333333333333333"}, {"WBTC", "41.33333333"},
        {"USDC", "1835000"}, {"DAI", "1835000"}};
    private static final long[] TARGETS = {300_000_000_000_000_000L, 300_000_000_000_000_000L, 200_000_000_000_000_000L,
        200_000_000_000_000_000L};
    private static final long GAS_PER_CALL = 400_000;

    /** What the run is priced at and how slicing is bounded. */
    public record Options(BigDecimal gasPriceGwei, long sliceImpactBps, int maxSlices, BigDecimal scale) {
        public Options {
            if (gasPriceGwei.signum() < 0) throw new IllegalArgumentException("--gas-price must be >= 0 gwei, got " + gasPriceGwei);
            if (sliceImpactBps <= 0) throw new IllegalArgumentException("--slice-bps must be > 0, got " + sliceImpactBps);
            if (maxSlices < 2) throw new IllegalArgumentException("--max-slices must be >= 2, got " + maxSlices);
            if (scale.signum() <= 0) throw new IllegalArgumentException("--scale must be > 0, got " + scale);
        }
    }

    private RoutingBenchmark() {}

    public static void run(PrintStream out, Options o) {
        Decision decision = plan(o.scale(), o.gasPriceGwei());
        out.printf(Locale.ROOT, "Best execution (issue 14 §6): $%s four-asset vault, one rebalance planned by the keeper's policy%n",
                money(nav(o.scale())));
        out.println("Venue curves are MODELLED on mainnet-shaped liquidity (ForkShapedMarket), not read from mainnet;");
        out.println("venue prices equal the oracle's. Gas: " + o.gasPriceGwei().toPlainString() + " gwei, ETH $"
                + ForkShapedMarket.WETH.price().toPlainString() + ", swap gas per venue kind (v2 100k, v3 125k, weighted 135k),"
                + " " + GAS_PER_CALL / 1000 + "k per extra vault call (slice).");
        out.println("Slices assume arbitrage restores the venues between slices; the price risk while slicing is not modelled.");
        out.println("Policy: " + decision.explain());
        out.println();
        out.printf(Locale.ROOT, "%-12s %12s | %-30s %8s | %-44s %8s | %-7s %8s | %s%n", "leg", "value $", "single best venue",
                "bps", "split", "bps", "sliced", "bps", "router picks");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] costs = new BigDecimal[3];
        Arrays.fill(costs, BigDecimal.ZERO);
        BigDecimal chosenCost = BigDecimal.ZERO;
        RoutingParams split = new RoutingParams(0, 1, GAS_PER_CALL, 3);
        RoutingParams keeper = new RoutingParams(o.sliceImpactBps(), o.maxSlices(), GAS_PER_CALL, 3);
        for (Leg leg : decision.plan().legs()) {
            Token in = ForkShapedMarket.token(leg.sellAsset());
            Token outToken = ForkShapedMarket.token(leg.buyAsset());
            List<VenueCurve> curves = ForkShapedMarket.curves(in, outToken);
            LegRequest request = request(leg, in, outToken, o.gasPriceGwei());
            Route single = Router.single(request, curves);
            Route best = Router.best(request, curves, split);
            Route chosen = Router.decide(request, curves, keeper);
            int n = chosen.kind() == Route.Kind.SLICED ? chosen.slices() : Math.max(2, slicesFor(request, curves, keeper));
            Route sliced = Router.sliced(request, curves, split, n);
            BigDecimal value = ValueUnits.toDecimal(leg.value());
            total = total.add(value);
            Route[] routes = {single, best, sliced};
            for (int i = 0; i < 3; i++) costs[i] = costs[i].add(routes[i].costBps().multiply(value));
            chosenCost = chosenCost.add(chosen.costBps().multiply(value));
            out.printf(Locale.ROOT, "%-12s %12s | %-30s %8s | %-44s %8s | %-7s %8s | %s%n", leg.sellAsset() + ">" + leg.buyAsset(),
                    money(value), venues(single), bps(single.costBps()), venues(best), bps(best.costBps()), n + " x",
                    bps(sliced.costBps()), chosen.kind().name().toLowerCase(Locale.ROOT) + " " + bps(chosen.costBps()));
        }
        out.printf(Locale.ROOT, "%-12s %12s | %-30s %8s | %-44s %8s | %-7s %8s | %s%n", "total", money(total), "",
                bps(costs[0].divide(total, 6, RoundingMode.HALF_UP)), "", bps(costs[1].divide(total, 6, RoundingMode.HALF_UP)), "",
                bps(costs[2].divide(total, 6, RoundingMode.HALF_UP)), "router " + bps(chosenCost.divide(total, 6, RoundingMode.HALF_UP)));
        out.println();
        out.println("bps = (oracle-implied out - expected out + gas) / oracle-implied out; value-weighted in the total row.");
        out.println("'split' is the best split over up to 3 venues (the single venue when no split beats it after gas); "
                + "'sliced' cuts the leg into n equal calls, n from the keeper's rule (impact bound " + o.sliceImpactBps()
                + " bps, at least 2 shown).");
    }

    /** The slices the keeper's rule would take for this leg (1 when its impact at once is under the bound). */
    private static int slicesFor(LegRequest request, List<VenueCurve> curves, RoutingParams params) {
        Route r = Router.decide(request, curves, params);
        return r.slices();
    }

    static Decision plan(BigDecimal scale, BigDecimal gwei) {
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < HOLDINGS.length; i++) {
            Token t = ForkShapedMarket.token(HOLDINGS[i][0]);
            BigInteger balance = new BigDecimal(HOLDINGS[i][1]).multiply(scale).movePointRight(t.decimals()).toBigInteger();
            BigInteger price = t.price().movePointRight(18).toBigIntegerExact();
            assets.add(Asset.onChain(t.symbol(), balance, t.decimals(), price, TARGETS[i]));
        }
        GasQuote gas = new GasQuote(gwei.movePointRight(9).longValueExact(), GAS_PER_CALL, 150_000,
                ForkShapedMarket.WETH.price().movePointRight(ValueUnits.DECIMALS).longValueExact());
        PortfolioSnapshot snapshot = new PortfolioSnapshot(assets, 1, 0, gas);
        return new RebalancePolicy(PolicyParams.builder().build()).decide(snapshot);
    }

    private static BigDecimal nav(BigDecimal scale) {
        return ValueUnits.toDecimal(navOf(scale));
    }

    private static long navOf(BigDecimal scale) {
        long nav = 0;
        for (String[] h : HOLDINGS) {
            Token t = ForkShapedMarket.token(h[0]);
            nav += new BigDecimal(h[1]).multiply(scale).multiply(t.price()).movePointRight(ValueUnits.DECIMALS).longValue();
        }
        return nav;
    }

    private static LegRequest request(Leg leg, Token in, Token out, BigDecimal gwei) {
        BigInteger oracleOut = new BigDecimal(leg.sellAmount()).movePointLeft(in.decimals()).multiply(in.price())
                .divide(out.price(), 40, RoundingMode.DOWN).movePointRight(out.decimals()).toBigInteger();
        // one gas unit in raw tokenOut: gwei × 1e-9 ETH × ETH price / out price × 10^decimals
        BigDecimal perGas = gwei.movePointLeft(9).multiply(ForkShapedMarket.WETH.price())
                .divide(out.price(), 40, RoundingMode.HALF_UP).movePointRight(out.decimals());
        return new LegRequest(in.symbol(), out.symbol(), leg.sellAmount(), oracleOut, perGas);
    }

    private static String venues(Route r) {
        return String.join(" + ", r.fills().stream().map(f -> f.venue().substring(f.venue().indexOf(' ') + 1)
                + (r.fills().size() > 1 ? " " + share(f.amountIn(), r.sliceAmountIn()) : "")).toList());
    }

    private static String share(BigInteger part, BigInteger whole) {
        return new BigDecimal(part).multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(whole), 0, RoundingMode.HALF_UP) + "%";
    }

    private static String bps(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String money(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
