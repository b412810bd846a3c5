package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.ProposalDesk;
import dev.ballast.config.DashboardConfig;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.MonitoringConfig;
import dev.ballast.dashboard.DashboardServer;
import dev.ballast.dashboard.DashboardSettings;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.metrics.MetricsServer;
import dev.ballast.metrics.Monitoring;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the keeper: follows new blocks, rebalances the configured vaults inside their guards.",
                "Validates the whole config first and exits 2 naming every bad key; refuses a wrong chain id or a vault",
                "address without code. Stop with Ctrl-C or SIGTERM: the block in hand may finish (up to 10 s), everything signed",
                "is already journaled, exit status 0; a restart reconciles pending transactions from the journal.",
                "Serves Prometheus /metrics, /healthz and /readyz on 127.0.0.1:9464 unless --no-metrics (see metrics: in",
                "the config); alerts.webhookUrl adds JSON webhook alerts. --dashboard (or dashboard.enabled: true) also",
                "serves the page of `ballast dashboard` on 127.0.0.1:9465: read-only, it never reaches the signer;",
                "--paper-config adds the paper runs of `ballast paper` to it, as `ballast dashboard --paper-config` does."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--json", description = "Log JSON lines instead of text (also: log.format: json).")
    boolean json;

    @Option(names = "--no-metrics", description = "Do not serve /metrics, /healthz, /readyz (also: metrics.enabled: false).")
    boolean noMetrics;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of /metrics, /healthz, /readyz on metrics.bind (default: metrics.port, 9464).")
    Integer metricsPort;

    @Option(names = "--dashboard",
            description = "Also serve the web dashboard (see `ballast dashboard`; also: dashboard.enabled: true).")
    boolean dashboard;

    @Option(names = "--paper-config", paramLabel = "PAPER_YAML",
            description = "With the dashboard: also show the paper vaults of this paper.yaml of `ballast paper` (read"
                    + " read-only from the journal it names). The keeper itself never trades on paper: `ballast paper`"
                    + " runs them.")
    Path paperConfig;

    @Override
    public Integer call() throws Exception {
        KeeperConfig config = options.load();
        if (paperConfig != null && !(dashboard || config.monitoring().dashboard().enabled())) {
            throw new UserInputException("--paper-config: only applies with --dashboard (or dashboard.enabled: true)");
        }
        if (json || config.logFormat() == KeeperConfig.LogFormat.JSON) LogFormat.useJson();
        KeeperRuntime.Settings settings = options.settings(config, policy);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown); // a stop during start-up is honoured once the keeper is built
        MonitoringConfig monitoringConfig = config.monitoring();
        if (noMetrics) monitoringConfig = monitoringConfig.withEnabled(false);
        if (metricsPort != null) monitoringConfig = monitoringConfig.withPort(metricsPort);
        Monitoring monitoring = new Monitoring(monitoringConfig);
        DashboardConfig dashboardConfig = monitoringConfig.dashboard();
        // holds are read every block; vaults in mode: propose journal proposals instead of sending
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, monitoring, false, (web3j, journal) -> new ProposalDesk(
                ApprovalJournal.on(journal), Operator.approvals(config), config.approvals(), web3j,
                settings.signer(), settings.chainId(), Clock.systemUTC()));
                MetricsServer served = monitoring.serve(runtime, settings);
                // after the runtime: the journal exists by then; the page reads it through its own read-only connection
                DashboardServer page = dashboard || dashboardConfig.enabled() ? page(config, dashboardConfig) : null) {
            runtime.start();
            stopRequested.await();
            runtime.stop(KeeperRuntime.STOP_GRACE);
        }
        return 0;
    }

    /** The dashboard page of `ballast dashboard`, with the paper runs of {@code --paper-config} when it is given. */
    DashboardServer page(KeeperConfig config, DashboardConfig d) throws IOException {
        return DashboardCommand.start(DashboardCommand.settings(config, d, DashboardSettings.DEFAULT_HISTORY,
                KeeperOptions.environment), Optional.ofNullable(paperConfig).map(DashboardCommand::paper));
    }
}
