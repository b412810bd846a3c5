package dev.ballast.cli;

import dev.ballast.config.DashboardConfig;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import dev.ballast.dashboard.BasicAuth;
import dev.ballast.dashboard.DashboardServer;
import dev.ballast.dashboard.DashboardSettings;
import dev.ballast.dashboard.PaperSource;
import dev.ballast.paper.PaperConfig;
import dev.ballast.paper.PaperLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves a live web dashboard of the keeper's vaults: weights vs targets and band, drift over time,",
                "NAV vs buy-and-hold vs the continuously rebalanced target, each rebalance with its cost and gas, turnover,",
                "tracking error, Sharpe, execution cost; keeper health (endpoints, lag, pending txs, signer balance).",
                "Reads the journal (read-only) and the chain (read methods only); it never loads the signer's key and",
                "cannot send. Listens on 127.0.0.1 (dashboard.bind / --bind elsewhere prints a warning). Basic auth when",
                "BALLAST_DASHBOARD_USER and BALLAST_DASHBOARD_PASSWORD are set. `ballast run --dashboard` serves the same",
                "page from the keeper process. --paper-config adds the paper runs of `ballast paper` (the same figures as",
                "`ballast paper report`). Stop with Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Listen address (default: dashboard.bind, 127.0.0.1). Anything else is reachable from other"
                    + " machines: a warning is printed; consider basic auth.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: dashboard.port, 9465; 0 picks a free one).")
    Integer port;

    @Option(names = "--backtest", paramLabel = "REPORT_JSON",
            description = "report.json of `ballast backtest --monte-carlo N --out DIR`: flag live turnover and cost outside"
                    + " its p5-p95 band (default: dashboard.backtestReport).")
    Path backtest;

    @Option(names = "--backtest-strategy", paramLabel = "NAME",
            description = "Strategy of that report the vaults run (default: dashboard.backtestStrategy, else its first).")
    String backtestStrategy;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "90",
            description = "How far back the charts reach (default ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--paper-config", paramLabel = "PAPER_YAML",
            description = "paper.yaml of `ballast paper`: also show its paper vaults (NAV vs buy-and-hold vs target,"
                    + " drift, simulated rebalances with cost and gas, turnover, tracking error, Sharpe, gaps, the"
                    + " backtest comparison), read read-only from the journal it names.")
    Path paperConfig;

    @Override
    public Integer call() throws Exception {
        KeeperConfig config = options.load();
        DashboardConfig d = config.monitoring().dashboard();
        if (bind != null) d = new DashboardConfig(d.enabled(), bind, d.port(), d.backtestReport(), d.backtestStrategy());
        if (port != null) d = new DashboardConfig(d.enabled(), d.bind(), port, d.backtestReport(), d.backtestStrategy());
        if (backtest != null) d = new DashboardConfig(d.enabled(), d.bind(), d.port(), Optional.of(backtest), d.backtestStrategy());
        if (backtestStrategy != null) {
            d = new DashboardConfig(d.enabled(), d.bind(), d.port(), d.backtestReport(), Optional.of(backtestStrategy));
        }
        if (historyDays < 1 || historyDays > 3650) throw new UserInputException("--history-days " + historyDays + ": 1..3650");
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        Optional<PaperSource> paper = Optional.ofNullable(paperConfig).map(DashboardCommand::paper);
        try (DashboardServer server = start(settings(config, d, Duration.ofDays(historyDays), KeeperOptions.environment),
                paper)) {
            System.out.println("dashboard: http://" + d.bind() + ":" + server.port() + "/ (" + server.loadSummary()
                    + "); Ctrl-C to stop");
            stop.await();
        }
        return 0;
    }

    /** Starts the server, turning a bad setting into a user error that names it. */
    static DashboardServer start(DashboardSettings settings) throws IOException {
        return start(settings, Optional.empty());
    }

    static DashboardServer start(DashboardSettings settings, Optional<PaperSource> paper) throws IOException {
        try {
            return DashboardServer.start(settings, paper);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** What the dashboard may see of a paper.yaml: the ledger's journal file, the gas model, vault names and policies. */
    static PaperSource paper(Path file) {
        PaperConfig c = PaperCommand.load(file);
        return new PaperSource(c.journal(), c.gas(), c.vaults().stream()
                .map(v -> new PaperSource.Vault(v.name(), PaperLedger.policy(v))).toList());
    }

    /**
     * What the dashboard may see of the config: chain, endpoints, vault names, addresses and bands, the journal's
     * path. The signer section stays here: the dashboard package never receives the config object.
     */
    static DashboardSettings settings(KeeperConfig c, DashboardConfig d, Duration history, Map<String, String> env) {
        if (c.sharedJournal().isPresent()) {
            // refused rather than showing the stale or missing SQLite file at journal.path as if it were the journal
            throw new UserInputException("journal.url: the dashboard reads the keeper's SQLite journal (journal.path)"
                    + " read-only and cannot read a shared PostgreSQL journal; serve it from a keeper with journal.path,"
                    + " or run this keeper without --dashboard / dashboard.enabled");
        }
        List<DashboardSettings.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < c.rpc().endpoints().size(); i++) {
            endpoints.add(new DashboardSettings.Endpoint("rpc[" + i + "]", c.rpc().endpoints().get(i).http()));
        }
        List<DashboardSettings.Vault> vaults = new ArrayList<>();
        for (VaultConfig v : c.vaults()) {
            vaults.add(new DashboardSettings.Vault(v.name(), v.address(), v.policy().band().doubleValue()));
        }
        Optional<BasicAuth> auth;
        try {
            auth = BasicAuth.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        return new DashboardSettings(c.chainId(), endpoints, vaults, c.journalPath(), d.bind(), d.port(), history,
                d.backtestReport(), d.backtestStrategy(), auth, Duration.ofSeconds(1));
    }
}
