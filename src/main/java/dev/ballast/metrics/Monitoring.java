package dev.ballast.metrics;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.VaultState;
import dev.ballast.config.MonitoringConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's monitoring as configured: metrics (when enabled), webhook alerts (when a URL is set), both fed by one
 * {@link KeeperEvents}. Build it before the keeper (its events go into {@link KeeperRuntime#create}), then
 * {@link #serve} once the keeper exists.
 */
public final class Monitoring implements KeeperEvents {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    /** How often the background readiness probe runs (chain head, signer balance, readiness gauge). */
    public static final Duration PROBE_EVERY = Duration.ofSeconds(5);

    private final MonitoringConfig config;
    private final Optional<KeeperMetrics> metrics;
    private final Optional<WebhookAlerts> alerts;
    private final List<KeeperEvents> observers;

    public Monitoring(MonitoringConfig config) {
        this.config = config;
        this.metrics = config.enabled() ? Optional.of(new KeeperMetrics()) : Optional.empty();
        this.alerts = config.webhookUrl().map(url -> new WebhookAlerts(url, config.webhookMinInterval(), Clock.systemUTC()));
        List<KeeperEvents> all = new ArrayList<>();
        metrics.ifPresent(all::add);
        alerts.ifPresent(all::add);
        this.observers = List.copyOf(all);
    }

    public Optional<KeeperMetrics> metrics() {
        return metrics;
    }

    /**
     * Attaches to the running keeper and serves the endpoints; closing the server stops them. Null when nothing is
     * configured (try-with-resources skips a null). With metrics off but a webhook set, the probe still runs for
     * readiness alerts and the server listens on a free loopback port only.
     */
    public MetricsServer serve(KeeperRuntime runtime, KeeperRuntime.Settings settings) throws IOException {
        if (metrics.isEmpty() && alerts.isEmpty()) return null;
        metrics.ifPresent(m -> runtime.rpc().observe(m));
        KeeperMetrics m = metrics.orElseGet(KeeperMetrics::new);
        Readiness readiness = new Readiness(runtime.rpc(), settings.signer().getAddress(), settings.journal(),
                m::headNumber, config.maxHeadLagBlocks(), config.minSignerBalance());
        String bind = metrics.isPresent() ? config.bind() : "127.0.0.1";
        int port = metrics.isPresent() ? config.port() : 0;
        try {
            return MetricsServer.start(m, readiness, bind, port, PROBE_EVERY,
                    report -> alerts.ifPresent(a -> a.readiness(report)));
        } catch (IOException | RuntimeException e) {
            // rebalancing matters more than being watched: keep running, loudly (Prometheus then sees the target down)
            log.error("metrics: cannot listen on {}:{} ({}); the keeper runs WITHOUT /metrics, /healthz, /readyz. Free the"
                    + " port or set metrics.port / --metrics-port", bind, port, e.getMessage());
            return null;
        }
    }

    @Override
    public void decided(Keeper.Outcome outcome) {
        for (KeeperEvents e : observers) e.decided(outcome);
    }

    @Override
    public void sent(ManagedVault vault, SentTx tx) {
        for (KeeperEvents e : observers) e.sent(vault, tx);
    }

    @Override
    public void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {
        for (KeeperEvents e : observers) e.confirmed(vault, confirmed);
    }

    @Override
    public void headStarted(BlockHead head) {
        for (KeeperEvents e : observers) e.headStarted(head);
    }

    @Override
    public void headFinished(BlockHead head, long nanos) {
        for (KeeperEvents e : observers) e.headFinished(head, nanos);
    }

    @Override
    public void observed(ManagedVault vault, long block, VaultState state, PortfolioSnapshot snapshot, long band) {
        for (KeeperEvents e : observers) e.observed(vault, block, state, snapshot, band);
    }

    @Override
    public void replaced(SentTx previous, SentTx replacement) {
        for (KeeperEvents e : observers) e.replaced(previous, replacement);
    }

    @Override
    public void journalWritten(long nanos) {
        for (KeeperEvents e : observers) e.journalWritten(nanos);
    }
}
