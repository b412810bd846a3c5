package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.VaultParams;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.Asset;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalanceMode;
import dev.ballast.tx.RevertDecoder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a vault read from chain into the pure policy's inputs, with the vault's own guards as the policy's bounds. */
public final class PortfolioReader {
    private static final RevertDecoder ERRORS = RevertDecoder.forBallast();

    private PortfolioReader() {}

    /** The snapshot, or why none can be made (a price the router would not give, an unreadable view). */
    public static Result read(VaultState vault, long time, GasQuote gas) {
        if (!vault.hasCode()) return Result.refused("no contract code at " + vault.address());
        if (!vault.complete()) return Result.refused("unreadable vault views " + vault.unreadable());
        List<Asset> assets = new ArrayList<>();
        for (AssetState a : vault.assets()) {
            Optional<BigInteger> price = a.routerPrice().price();
            if (price.isEmpty()) {
                return Result.refused("no router price for " + a.asset() + ": " + a.routerPrice().revertSelector()
                        .map(s -> "the router reverted with " + ERRORS.nameOf(s) + " (" + s + ")")
                        .orElse(a.routerPrice().status().toString()));
            }
            assets.add(Asset.onChain(a.asset(), a.accountedBalance(), a.decimals(), price.get(), a.targetWeight().longValueExact()));
        }
        return new Result(Optional.of(new PortfolioSnapshot(assets, time, vault.lastRebalance().longValueExact(), gas)), null);
    }

    /**
     * The policy a vault is run with: the vault's on-chain guards (a plan outside them would only revert), tightened
     * by the keeper's configuration where that is stricter.
     */
    public static PolicyParams params(VaultParams chain, ManagedVault config) {
        return PolicyParams.builder()
                .mode(RebalanceMode.values()[chain.driftMode()])
                .band(Math.max(chain.band().longValueExact(), config.bandFloor()))
                .calendarInterval(chain.interval())
                .cooldown(chain.cooldown())
                .minTradeValue(config.minTradeValue())
                .maxTradeFraction(chain.maxTradeFraction().longValueExact())
                .maxSlippage(chain.maxSlippage().longValueExact())
                .correctionBenefit(config.correctionBenefit())
                .build();
    }

    public record Result(Optional<PortfolioSnapshot> snapshot, String refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
