package dev.ballast.paper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultParams;
import dev.ballast.chain.VaultState;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.keeper.PortfolioReader;
import dev.ballast.policy.PolicyParams;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A vault that exists only in the paper ledger, presented to the keeper's code exactly as the lens would present a
 * real one ({@link VaultState}): its virtual balances, targets and guard parameters, with the router's and venue's
 * prices read from the live chain at the block. The keeper's PortfolioReader, policy and ManipulationCheck then run
 * on it unchanged.
 */
final class VirtualVault {
    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private VirtualVault() {}

    static String address(PaperConfig.Vault v) {
        return "paper:" + v.name();
    }

    /** The guard parameters a deployed vault would hold. */
    static VaultParams params(PaperConfig.Vault v) {
        PaperConfig.Policy p = v.policy();
        return new VaultParams(p.band(), p.mode().ordinal(), p.calendarInterval(), p.cooldown(), p.maxSlippage(),
                p.maxTradeFraction(), p.twapWindow(), p.maxSpotTwapDeviation(), p.maxOracleVenueDeviation(), BigInteger.ZERO);
    }

    /** The policy the keeper would run the vault with (the same the paper engine runs). */
    static PolicyParams policyParams(PaperConfig.Vault v) {
        return PortfolioReader.params(params(v), managed(v));
    }

    static VaultState state(PaperConfig.Vault v, PaperRows.VaultRow row, MarketRead read) {
        VaultParams params = params(v);
        List<AssetState> assets = new ArrayList<>();
        List<VaultState.VenuePrice> venuePrices = new ArrayList<>();
        for (int i = 0; i < v.assets().size(); i++) {
            String token = v.assets().get(i).token();
            BigInteger balance = row.balances().get(i);
            assets.add(new AssetState(token, row.decimals().get(i), balance, balance, v.assets().get(i).target(),
                    read.routerPrice(v.priceRouter(), token), false, false));
            for (PaperConfig.PaperAsset quote : v.assets()) {
                if (quote.token().equalsIgnoreCase(token)) continue;
                read.venuePrice(v.venue(), token, quote.token(), v.policy().twapWindow()).ifPresent(venuePrices::add);
            }
        }
        return new VaultState(address(v), true, false, BigInteger.valueOf(row.lastRebalance()), v.priceRouter(), BigInteger.ONE,
                params, assets, Set.of(), v.venue(), venuePrices, BigInteger.ZERO);
    }

    /** The keeper's per-vault settings for a paper vault (no band floor beyond the configured band). */
    static ManagedVault managed(PaperConfig.Vault v) {
        return new ManagedVault(v.name(), address(v), v.venue(), null, v.policy().minTradeValue(), v.policy().correctionBenefit(),
                0, v.policy().gasBudget());
    }

    /**
     * The starting balances: the basket as given, or the notional split at target weights at the block's router
     * prices (rounded down: the paper vault never starts with more than its notional).
     */
    static Optional<List<BigInteger>> startingBalances(PaperConfig.Vault v, List<Integer> decimals, MarketRead read) {
        List<BigInteger> out = new ArrayList<>();
        for (int i = 0; i < v.assets().size(); i++) {
            int d = decimals.get(i);
            if (v.start().basket() != null) {
                out.add(v.start().basket().get(i).movePointRight(d).setScale(0, RoundingMode.DOWN).toBigIntegerExact());
                continue;
            }
            Optional<BigInteger> price = read.routerPrice(v.priceRouter(), v.assets().get(i).token()).price();
            if (price.isEmpty() || price.get().signum() == 0) return Optional.empty();
            BigDecimal value = v.start().notional().multiply(new BigDecimal(v.assets().get(i).target(), 18));
            out.add(value.movePointRight(18 + d).divide(new BigDecimal(price.get()), 0, RoundingMode.DOWN).toBigIntegerExact());
        }
        return Optional.of(out);
    }

    /** Numeraire per whole token of each asset (for the report), NaN where the router gave none. */
    static List<Double> prices(PaperConfig.Vault v, MarketRead read) {
        List<Double> out = new ArrayList<>();
        for (PaperConfig.PaperAsset a : v.assets()) {
            PriceReading r = read.routerPrice(v.priceRouter(), a.token());
            out.add(r.price().map(p -> new BigDecimal(p, 18).doubleValue()).orElse(Double.NaN));
        }
        return out;
    }

    static double wadToDouble(BigInteger wad) {
        return new BigDecimal(wad).divide(new BigDecimal(WAD)).doubleValue();
    }
}
