package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.ProposalDesk;
import dev.ballast.metrics.Monitoring;
import dev.ballast.keeper.KeeperRuntime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the keeper: follows new blocks, rebalances the configured vaults inside their guards.",
                "Validates the whole config first and exits 2 naming every bad key; refuses a wrong chain id or a vault",
                "address without code. Stop with Ctrl-C or SIGTERM: the block in hand may finish (up to 10 s), everything signed",
                "is already journaled, exit status 0; a restart reconciles pending transactions from the journal.",
                "Serves Prometheus /metrics, /healthz and /readyz on 127.0.0.1:9464 unless --no-metrics (see metrics: in",
                "the config); alerts.webhookUrl adds JSON webhook alerts. --dashboard (or dashboard.enabled: true) also",
                "serves the page of `ballast dashboard` on 127.0.0.1:9465: read-only, it never reaches the signer."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @picocli.CommandLine.Option(names = "--json", description = "Log JSON lines instead of text (also: log.format: json).")
    boolean json;

    @picocli.CommandLine.Option(names = "--no-metrics",
            description = "Do not serve /metrics, /healthz, /readyz (also: metrics.enabled: false).")
    boolean noMetrics;

    @picocli.CommandLine.Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of /metrics, /healthz, /readyz on metrics.bind (default: metrics.port, 9464).")
    Integer metricsPort;

    @picocli.CommandLine.Option(names = "--dashboard",
            description = "Also serve the web dashboard (see `ballast dashboard`; also: dashboard.enabled: true).")
    boolean dashboard;

    @Override
    public Integer call() throws Exception {
        dev.ballast.config.KeeperConfig config = options.load();
        if (json || config.logFormat() == dev.ballast.config.KeeperConfig.LogFormat.JSON) LogFormat.useJson();
        KeeperRuntime.Settings settings = options.settings(config, policy);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown); // a stop during start-up is honoured once the keeper is built
        dev.ballast.config.MonitoringConfig monitoringConfig = config.monitoring();
        if (noMetrics) monitoringConfig = monitoringConfig.withEnabled(false);
        if (metricsPort != null) monitoringConfig = monitoringConfig.withPort(metricsPort);
        Monitoring monitoring = new Monitoring(monitoringConfig);
        // holds are read every block; vaults in mode: propose journal proposals instead of sending
        dev.ballast.config.DashboardConfig dashboardConfig = monitoringConfig.dashboard();
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, monitoring, false, (web3j, journal) -> new ProposalDesk(
                ApprovalJournal.on(journal), Operator.approvals(config), config.approvals(), web3j,
                settings.signer(), settings.chainId(), java.time.Clock.systemUTC()));
                dev.ballast.metrics.MetricsServer served = monitoring.serve(runtime, settings);
                // after the runtime: the journal exists by then; the page reads it through its own read-only connection
                dev.ballast.dashboard.DashboardServer page = dashboard || dashboardConfig.enabled()
                        ? DashboardCommand.start(DashboardCommand.settings(config, dashboardConfig,
                                dev.ballast.dashboard.DashboardSettings.DEFAULT_HISTORY, KeeperOptions.environment))
                        : null) {
            runtime.start();
            stopRequested.await();
            runtime.stop(KeeperRuntime.STOP_GRACE);
        }
        return 0;
    }
}
