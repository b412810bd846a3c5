package dev.ballast.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated keeper-config.yaml. Built only by {@link ConfigLoader}; every value is already checked, so the
 * keeper can trust it. Holds no secret: the signer names environment variables, never their values.
 *
 * @param chainId        the chain the keeper refuses to act on any other
 * @param rpc            node endpoints in priority order, plus the optional private submission URL
 * @param signer         where the signing key comes from
 * @param vaults         the vaults to manage, each with its effective policy (defaults merged with overrides)
 * @param prices         price sources and aggregation rules per asset
 * @param gas            EIP-1559 fee policy
 * @param confirmations  blocks after inclusion before a transaction counts as final
 * @param pollInterval   time between keeper rounds
 * @param journalPath    the SQLite journal file (resolved against the config file's folder)
 * @param logFormat      text for humans, json for log shippers
 */
public record KeeperConfig(long chainId, RpcConfig rpc, SignerConfig signer, List<VaultConfig> vaults,
                           List<AssetPriceConfig> prices, GasConfig gas, int confirmations, Duration pollInterval,
                           Path journalPath, LogFormat logFormat) {
    public KeeperConfig {
        vaults = List.copyOf(vaults);
        prices = List.copyOf(prices);
    }

    public enum LogFormat { TEXT, JSON }
}
