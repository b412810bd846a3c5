package dev.ballast.metrics;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.VaultState;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.policy.Drift;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The keeper's Prometheus metrics, fed by {@link KeeperEvents} on the keeper's thread and by {@link FailoverRpc}'s
 * observer. Every update is a lock-free add or set on the client's own cells (no I/O, no lock the scrape holds), so
 * the block loop never waits on a scrape; values derived from time (ages) are computed at scrape time by callbacks.
 *
 * <p>Names follow the Prometheus guide: base units in the name, {@code _total} counters, and labels from bounded
 * sets only: {@code vault} (the configured name), {@code asset} (a vault's token address), {@code outcome},
 * {@code kind}, {@code reason} ({@link RefusalReason}) and {@code endpoint} (the configured RPC name). No hashes.
 */
public final class KeeperMetrics implements KeeperEvents, FailoverRpc.Observer {
    private static final BigDecimal VALUE_UNIT = BigDecimal.TEN.pow(ValueUnits.DECIMALS);
    private static final double VALUE_UNIT_DOUBLE = Math.pow(10, ValueUnits.DECIMALS);

    /** The rolling window of turnover, tracking error, Sharpe and execution cost, and its sampling step. */
    static final long WINDOW_SECONDS = 30L * 86_400;
    static final long STEP_SECONDS = 3_600;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge nav = gauge("ballast_vault_nav_numeraire", "Vault NAV at the last read, numeraire units", "vault");
    private final Gauge sharePrice = gauge("ballast_vault_share_price_numeraire", "NAV per whole share, numeraire units",
            "vault");
    private final Gauge drift = gauge("ballast_vault_drift_ratio", "Weight minus target weight (fraction, signed)",
            "vault", "asset");
    private final Gauge maxDrift = gauge("ballast_vault_max_drift_ratio", "Largest absolute drift of the vault", "vault");
    private final Gauge band = gauge("ballast_vault_band_ratio", "Drift band the policy judges the vault with", "vault");
    private final Gauge observedBlock = gauge("ballast_vault_observed_block", "Block of the vault's last full read",
            "vault");
    private final Gauge priceRefusedBlocks = gauge("ballast_vault_price_refused_blocks",
            "Consecutive handled blocks in which the vault's price router refused to price an asset", "vault");
    private final Counter rebalances = counter("ballast_rebalances_total",
            "Rebalance transactions by outcome: sent, mined, reverted, replaced, refused (not sent, see refusals)",
            "vault", "outcome");
    private final Counter refusals = counter("ballast_rebalance_refusals_total",
            "Rebalances the keeper refused to send, by reason", "vault", "reason");
    private final Counter decisions = counter("ballast_decisions_total",
            "Keeper outcomes per vault and handled block, by kind (skipped, refused, waiting, sent, rebalanced, failed)",
            "vault", "kind");
    private final Histogram gasUsed = histogram("ballast_rebalance_gas_used", "Gas used by a mined rebalance",
            new double[] {100e3, 200e3, 300e3, 400e3, 600e3, 800e3, 1.2e6, 2e6, 4e6}, "vault");
    private final Histogram gasCost = histogram("ballast_rebalance_gas_cost_native",
            "Gas paid by a mined rebalance, native token (gasUsed x effective gas price)",
            new double[] {1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1}, "vault");
    private final Histogram gasCostNumeraire = histogram("ballast_rebalance_gas_cost_numeraire",
            "Gas paid by a mined rebalance in numeraire units (gas cost in native x the keeper's native price)",
            new double[] {0.01, 0.1, 1, 3, 10, 30, 100, 300, 1000}, "vault");
    private final Gauge turnover = gauge("ballast_vault_turnover_annualised_ratio",
            "One-way traded value over the last 30 days / average NAV, annualised (0.5 = 50 %/yr)", "vault");
    private final Gauge trackingError = gauge("ballast_vault_tracking_error_annualised_ratio",
            "Std. deviation of the vault's hourly holdings return minus the continuously rebalanced target's, last 30"
                    + " days, annualised", "vault");
    private final Gauge sharpe = gauge("ballast_vault_sharpe_ratio",
            "Mean / std. deviation of the vault's hourly holdings return net of execution cost, last 30 days,"
                    + " annualised, risk-free rate 0", "vault");
    private final Gauge executionCostRate = gauge("ballast_vault_execution_cost_bps_per_year",
            "Execution cost (navBefore - navAfter of mined rebalances) over the last 30 days / average NAV, bps per year",
            "vault");
    private final Histogram executionCost = histogram("ballast_rebalance_execution_cost_numeraire",
            "NAV lost to a rebalance's execution at the vault's oracle prices (navBefore - navAfter), numeraire units",
            new double[] {0, 1, 10, 100, 1e3, 1e4, 1e5, 1e6}, "vault");
    private final Histogram slippage = histogram("ballast_rebalance_slippage_bps",
            "Execution cost vs the oracle, basis points of the value the rebalance moved",
            new double[] {0, 1, 2, 5, 10, 20, 30, 50, 100, 200}, "vault");
    private final Histogram headToBroadcast = histogram("ballast_head_to_broadcast_seconds",
            "Time from a head reaching the keeper to a rebalance of that block being broadcast",
            // up to a minute: a keeper of ~2,500 vaults on a loaded machine broadcast 15-30 s after the head, past a
            // 10 s top bucket, where histogram_quantile can only answer "over 10 s"
            new double[] {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30, 60});
    private final Histogram blockProcessing = histogram("ballast_block_processing_seconds",
            "Time to handle one head: read, decide, send and follow every vault",
            new double[] {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60});
    private final Histogram journalWrite = histogram("ballast_journal_write_seconds",
            "Journal writes on the keeper's path (one commit per round)",
            new double[] {.0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1});
    private final Counter rpcRequests = counter("ballast_rpc_requests_total", "RPC attempts per endpoint", "endpoint");
    private final Counter rpcErrors = counter("ballast_rpc_errors_total",
            "RPC attempts that failed (transport error, timeout, bad answer) per endpoint", "endpoint");
    private final Histogram rpcLatency = histogram("ballast_rpc_request_duration_seconds", "RPC attempt latency",
            new double[] {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}, "endpoint");
    private final Counter failovers = counter("ballast_rpc_failovers_total",
            "Calls that left an endpoint for the next one after it failed", "from_endpoint");
    private final Gauge headBlock = gauge("ballast_head_block", "Last head the keeper started handling");
    private final Gauge chainHead = gauge("ballast_chain_head_block", "Chain head seen by the readiness probe");
    private final Gauge signerBalance = gauge("ballast_signer_balance_native", "Signer's native balance");
    private final Gauge ready = gauge("ballast_ready", "1 when /readyz passes, else 0");

    private final Map<String, Long> lastRebalance = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingSince = new ConcurrentHashMap<>();
    /** Vault of each transaction in flight, so a replacement is counted under its vault. */
    private final Map<String, String> vaultOfTx = new ConcurrentHashMap<>();
    private final Map<String, VaultCells> vaultCells = new ConcurrentHashMap<>();
    /** navBefore - navAfter of a mined rebalance, until its outcome (with the plan's traded value) arrives. */
    private final Map<String, BigDecimal> minedCost = new ConcurrentHashMap<>();
    private volatile long headStartedNanos;
    private volatile long headNumber = -1;
    private volatile long chainHeadNumber = -1;

    public KeeperMetrics() {
        GaugeWithCallback.builder().name("ballast_vault_since_rebalance_seconds")
                .help("Seconds since the vault's last on-chain rebalance (wall clock minus its timestamp)")
                .labelNames("vault")
                .callback(cb -> {
                    long now = System.currentTimeMillis() / 1000;
                    lastRebalance.forEach((vault, at) -> cb.call(now - at, vault));
                }).register(registry);
        GaugeWithCallback.builder().name("ballast_pending_transactions")
                .help("Rebalances broadcast and not final yet").callback(cb -> cb.call(pendingSince.size()))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_oldest_pending_age_seconds")
                .help("Age of the oldest pending rebalance (0 when none)")
                .callback(cb -> cb.call(pendingSince.values().stream().mapToLong(Long::longValue).min()
                        .stream().mapToDouble(t -> (System.nanoTime() - t) / 1e9).findFirst().orElse(0)))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_head_lag_blocks")
                .help("Chain head minus the last head the keeper started (-1 until both are known)")
                .callback(cb -> cb.call(headNumber < 0 || chainHeadNumber < 0 ? -1 : Math.max(0, chainHeadNumber - headNumber)))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The last head the keeper started handling, -1 before the first. */
    public long headNumber() {
        return headNumber;
    }

    // ---- keeper events ----

    @Override
    public void headStarted(BlockHead head) {
        headStartedNanos = System.nanoTime();
        headNumber = head.number();
        headBlock.set(head.number());
    }

    @Override
    public void headFinished(BlockHead head, long nanos) {
        blockProcessing.observe(nanos / 1e9);
    }

    @Override
    public void observed(ManagedVault vault, long block, VaultState state, PortfolioSnapshot snapshot, long bandWad) {
        VaultCells c = cells(vault.label());
        // doubles are fine here: a gauge is a double, and this is a picture for people, not an amount to move
        double navNumeraire = snapshot.nav() / VALUE_UNIT_DOUBLE;
        c.nav.set(navNumeraire);
        if (state.totalSupply() != null && state.totalSupply().signum() > 0) {
            c.sharePrice.set(navNumeraire / (state.totalSupply().doubleValue() / 1e18));
        }
        // the drift itself comes with the decision (the policy computes it from this very snapshot): not twice per block
        for (int i = 0; i < state.assets().size(); i++) c.drift(i, state.assets().get(i).asset());
        c.band.set(bandWad / 1e18);
        c.observedBlock.set(block);
        c.nativePrice = snapshot.gas().nativePrice() / VALUE_UNIT_DOUBLE;
        c.lastTime = snapshot.time();
        if (c.performance.due(snapshot.time())) c.sample(snapshot);
        if (snapshot.lastRebalanceTime() > 0) lastRebalance.put(vault.label(), snapshot.lastRebalanceTime());
    }

    /**
     * A vault's series, looked up once: the keeper touches a dozen of them per vault and block, and with 1,000 vaults
     * a label lookup each would be most of what the metrics cost the block.
     */
    private final class VaultCells {
        final String vault;
        final GaugeDataPoint nav;
        final GaugeDataPoint sharePrice;
        final GaugeDataPoint maxDrift;
        final GaugeDataPoint band;
        final GaugeDataPoint observedBlock;
        final GaugeDataPoint priceRefused;
        final CounterDataPoint[] decided = new CounterDataPoint[Keeper.Outcome.Kind.values().length];
        final AtomicLong priceRefusedRun = new AtomicLong();
        /** Written on the keeper's thread only (observed, confirmed, decided). */
        final RollingPerformance performance = new RollingPerformance(WINDOW_SECONDS, STEP_SECONDS);
        volatile double nativePrice;
        volatile long lastTime;
        private volatile GaugeDataPoint[] drift = new GaugeDataPoint[0];

        VaultCells(String vault) {
            this.vault = vault;
            nav = KeeperMetrics.this.nav.labelValues(vault);
            sharePrice = KeeperMetrics.this.sharePrice.labelValues(vault);
            maxDrift = KeeperMetrics.this.maxDrift.labelValues(vault);
            band = KeeperMetrics.this.band.labelValues(vault);
            observedBlock = KeeperMetrics.this.observedBlock.labelValues(vault);
            priceRefused = priceRefusedBlocks.labelValues(vault);
            turnoverCell = turnover.labelValues(vault);
            trackingErrorCell = trackingError.labelValues(vault);
            sharpeCell = sharpe.labelValues(vault);
            costRateCell = executionCostRate.labelValues(vault);
        }

        /** Adds an hourly sample and republishes the rolling figures (once an hour per vault, not per block). */
        void sample(PortfolioSnapshot snapshot) {
            int n = snapshot.size();
            double[] values = new double[n];
            double[] prices = new double[n];
            double[] targets = new double[n];
            for (int i = 0; i < n; i++) {
                var a = snapshot.assets().get(i);
                values[i] = a.value();
                // a value-only asset (no raw price) is priced by its value: its "return" is then the value's change
                prices[i] = a.price() != null ? a.price().doubleValue() : Math.max(a.value(), 1);
                targets[i] = a.targetWeight() / 1e18;
            }
            if (performance.offer(snapshot.time(), values, prices, targets)) publish();
        }

        void publish() {
            RollingPerformance.Figures f = performance.figures();
            turnoverCell.set(f.turnover());
            trackingErrorCell.set(f.trackingError());
            sharpeCell.set(f.sharpe());
            costRateCell.set(f.costBpsPerYear());
        }

        final GaugeDataPoint turnoverCell;
        final GaugeDataPoint trackingErrorCell;
        final GaugeDataPoint sharpeCell;
        final GaugeDataPoint costRateCell;

        /** The decisions counter of {@code kind}, made on first use (kinds a vault never had stay unexposed). */
        CounterDataPoint decided(Keeper.Outcome.Kind kind) {
            CounterDataPoint cell = decided[kind.ordinal()];
            if (cell == null) {
                cell = decisions.labelValues(vault, kind.name().toLowerCase(Locale.ROOT));
                decided[kind.ordinal()] = cell;
            }
            return cell;
        }

        /** The drift cell of the vault's {@code i}-th asset (a vault's assets do not change while it is managed). */
        GaugeDataPoint drift(int i, String asset) {
            GaugeDataPoint[] cells = drift;
            if (i >= cells.length) {
                cells = Arrays.copyOf(cells, i + 1);
                drift = cells;
            }
            if (cells[i] == null) cells[i] = KeeperMetrics.this.drift.labelValues(vault, asset.toLowerCase(Locale.ROOT));
            return cells[i];
        }
    }

    private VaultCells cells(String vault) {
        return vaultCells.computeIfAbsent(vault, VaultCells::new);
    }

    @Override
    public void sent(ManagedVault vault, SentTx tx) {
        rebalances.labelValues(vault.label(), "sent").inc();
        pendingSince.putIfAbsent(vault.label(), System.nanoTime());
        vaultOfTx.put(tx.hash(), vault.label());
        long started = headStartedNanos;
        if (started != 0) headToBroadcast.observe((System.nanoTime() - started) / 1e9);
    }

    @Override
    public void replaced(SentTx previous, SentTx replacement) {
        String v = vaultOfTx.remove(previous.hash());
        if (v == null) return; // a transaction journaled by an earlier run: its vault is not known here
        vaultOfTx.put(replacement.hash(), v);
        rebalances.labelValues(v, "replaced").inc();
    }

    @Override
    public void confirmed(ManagedVault vault, TxOutcome.Confirmed c) {
        String v = vault.label();
        settled(v);
        rebalances.labelValues(v, c.succeeded() ? "mined" : "reverted").inc();
        BigInteger used = c.receipt().getGasUsed();
        if (used != null) {
            gasUsed.labelValues(v).observe(used.doubleValue());
            BigInteger price = effectivePrice(c.receipt());
            if (price != null) {
                double nativeCost = new BigDecimal(used.multiply(price), 18).doubleValue();
                gasCost.labelValues(v).observe(nativeCost);
                double nativePrice = cells(v).nativePrice;
                if (nativePrice > 0) gasCostNumeraire.labelValues(v).observe(nativeCost * nativePrice);
            }
        }
        if (c.succeeded()) RebalanceCost.of(c.receipt()).ifPresent(cost -> {
            executionCost.labelValues(v).observe(cost.doubleValue());
            minedCost.put(v, cost);
        });
    }

    @Override
    public void decided(Keeper.Outcome outcome) {
        String v = outcome.vault().label();
        VaultCells c = cells(v);
        c.decided(outcome.kind()).inc();
        if (outcome.decision() != null) {
            Drift drift = outcome.decision().before();
            GaugeDataPoint[] cells = c.drift;
            for (int i = 0; i < drift.size() && i < cells.length; i++) cells[i].set(drift.deviation(i) / 1e18);
            c.maxDrift.set(drift.maxAbs() / 1e18);
        }
        switch (outcome.kind()) {
            case REFUSED -> {
                RefusalReason reason = RefusalReason.of(outcome.message());
                rebalances.labelValues(v, "refused").inc();
                refusals.labelValues(v, reason.label()).inc();
                if (reason == RefusalReason.PRICE) {
                    c.priceRefused.set(c.priceRefusedRun.incrementAndGet());
                    return;
                }
            }
            case REBALANCED -> {
                BigDecimal cost = minedCost.remove(v);
                if (outcome.decision() != null) {
                    c.performance.rebalanced(c.lastTime, outcome.decision().plan().totalValue() / VALUE_UNIT_DOUBLE,
                            cost == null ? 0 : cost.doubleValue());
                    c.publish();
                }
                if (cost != null && outcome.decision() != null && outcome.decision().plan().totalValue() > 0) {
                    BigDecimal moved = BigDecimal.valueOf(outcome.decision().plan().totalValue()).divide(VALUE_UNIT);
                    slippage.labelValues(v).observe(cost.multiply(BigDecimal.valueOf(10_000))
                            .divide(moved, MathContext.DECIMAL64).doubleValue());
                }
            }
            case FAILED -> settled(v);
            default -> { }
        }
        if (c.priceRefusedRun.getAndSet(0) != 0) c.priceRefused.set(0);
    }

    private void settled(String vault) {
        pendingSince.remove(vault);
        vaultOfTx.values().removeIf(vault::equals);
    }

    @Override
    public void journalWritten(long nanos) {
        journalWrite.observe(nanos / 1e9);
    }

    // ---- RPC observer ----

    @Override
    public void attempted(String endpoint, long nanos, boolean ok) {
        rpcRequests.labelValues(endpoint).inc();
        if (!ok) rpcErrors.labelValues(endpoint).inc();
        rpcLatency.labelValues(endpoint).observe(nanos / 1e9);
    }

    @Override
    public void failedOver(String from) {
        failovers.labelValues(from).inc();
    }

    // ---- readiness probe ----

    void probed(Readiness.Report report) {
        report.chainHead().ifPresent(h -> {
            chainHeadNumber = h;
            chainHead.set(h);
        });
        report.signerBalance().ifPresent(b -> signerBalance.set(new BigDecimal(b, 18).doubleValue()));
        ready.set(report.ready() ? 1 : 0);
    }

    private static BigInteger effectivePrice(TransactionReceipt r) {
        String hex = r.getEffectiveGasPrice();
        if (hex == null || hex.isEmpty()) return null;
        return Numeric.decodeQuantity(hex);
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets).labelNames(labels)
                .register(registry);
    }
}
