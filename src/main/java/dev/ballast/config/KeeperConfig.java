package dev.ballast.config;

import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.SharedJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 * @param quietRetention how long decisions that led to no transaction stay in the journal; empty keeps them forever
 * @param monitoring     the metrics/health endpoints and webhook alerts
 * @param approvals      proposal expiry and the approval tolerance (top-level {@code approvals})
 * @param sharedJournal  journal.url: a PostgreSQL journal shared with other keepers (then journalPath is unused)
 * @param routing        how legs are split across venues and sliced over rebalances
 * @param batch          whether one block's rebalances go out as BatchRebalancer batches (off by default)
 */
public record KeeperConfig(long chainId, RpcConfig rpc, SignerConfig signer, List<VaultConfig> vaults,
                           List<AssetPriceConfig> prices, GasConfig gas, int confirmations, Duration pollInterval,
                           Path journalPath, LogFormat logFormat, Optional<Duration> quietRetention,
                           MonitoringConfig monitoring, ApprovalConfig.Rules approvals,
                           Optional<SharedJournal> sharedJournal, RoutingConfig routing,
                           BatchConfig batch) {
    public KeeperConfig {
        vaults = List.copyOf(vaults);
        prices = List.copyOf(prices);
    }

    /** The journal: journal.url's shared PostgreSQL database, or the SQLite file journal.path. */
    public JournalTarget journalTarget() {
        return sharedJournal.<JournalTarget>map(SharedJournal::target)
                .orElseGet(() -> new JournalTarget.Sqlite(journalPath));
    }

    /** journal.quietRetention when the config does not set it. */
    public static final Duration DEFAULT_QUIET_RETENTION = Duration.ofDays(7);

    public enum LogFormat { TEXT, JSON }
}
