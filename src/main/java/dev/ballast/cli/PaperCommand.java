package dev.ballast.cli;

import dev.ballast.config.ConfigException;
import dev.ballast.paper.ForkVerifier;
import dev.ballast.paper.PaperChain;
import dev.ballast.paper.PaperConfig;
import dev.ballast.paper.PaperConfigLoader;
import dev.ballast.paper.PaperEngine;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperReport;
import dev.ballast.paper.PaperReportWriter;
import dev.ballast.paper.PaperRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Paper-trades virtual vaults on the live chain: every block, the keeper's reader, policy and the "
                + "vault's guards on virtual holdings; rebalances are filled at the real venue's quotes of that block "
                + "and journaled as paper, never sent.",
            "Resumes from the ledger's last block after a restart; blocks it cannot read back are reported as gaps. "
                + "Runs until Ctrl-C (or SIGTERM)."},
        subcommands = PaperCommand.Report.class)
final class PaperCommand implements Callable<Integer> {
    // not picocli-required: `paper report` has its own, and a required option here would be demanded before it
    @Option(names = {"-c", "--config"}, description = "The paper config (see keeper-config/paper.yaml). Required.")
    Path config;

    @Option(names = "--verify-on-fork", description = "Replay each paper rebalance through a real vault on a throwaway "
            + "anvil --fork-url RPC --fork-block-number N and record its gasUsed and the quoted-vs-forked fill (bps).")
    boolean verifyOnFork;

    @Option(names = "--once", description = "Catch up to the current head, then exit (for cron or a test).")
    boolean once;

    @Override
    public Integer call() throws Exception {
        if (config == null) throw new UserInputException("--config: the paper config file is required");
        PaperConfig c = load(config);
        Web3j web3j = Web3j.build(new HttpService(c.rpcUrl()));
        try (PaperLedger ledger = PaperLedger.open(c.journal())) {
            PaperChain chain = new PaperChain(web3j);
            long chainId = chain.chainId();
            if (c.chainId() != 0 && chainId != c.chainId()) {
                throw new UserInputException("chainId: the node at " + c.rpcUrl() + " reports chain " + chainId + ", the config says "
                        + c.chainId());
            }
            PaperEngine engine = new PaperEngine(c, chain, ledger, verifyOnFork ? new ForkVerifier(c.rpcUrl()) : null);
            PaperRunner runner = new PaperRunner(engine, chain, c.maxCatchUpBlocks());
            System.out.println("paper trading " + c.vaults().size() + " virtual vault(s) on chain " + chainId + "; ledger "
                    + c.journal() + (verifyOnFork ? "; each rebalance replayed on a fork" : ""));
            if (once) {
                List<PaperEngine.Tick> ticks = runner.catchUp();
                System.out.println("handled " + ticks.size() + " block(s), last " + engine.lastBlock());
                return 0;
            }
            Thread worker = Thread.currentThread();
            StopSignals.onStop(worker::interrupt);
            try {
                runner.follow(c.pollInterval());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            System.out.println("stopped at block " + engine.lastBlock() + "; the next start resumes from there");
            return 0;
        } finally {
            web3j.shutdown();
        }
    }

    static PaperConfig load(Path file) {
        try {
            return PaperConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Prints a paper vault's NAV vs buy-and-hold vs target, turnover, cost, gas, tracking error, Sharpe, "
                    + "rebalances, gaps and what the backtester expects for the same policy on the observed prices; writes "
                    + "<vault>.csv, .json and .html.")
    static final class Report implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, description = "The paper config.")
        Path config;

        @Option(names = "--vault", description = "One paper vault by name (default: every vault in the config).")
        String vault;

        @Option(names = "--out", defaultValue = "paper-report", description = "Directory for the files (default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            PaperConfig c = load(config);
            List<PaperConfig.Vault> vaults = c.vaults().stream().filter(v -> vault == null || v.name().equals(vault)).toList();
            if (vaults.isEmpty()) throw new UserInputException("--vault: no paper vault named " + vault + " in " + config);
            try (PaperLedger ledger = PaperLedger.open(c.journal())) {
                for (PaperConfig.Vault v : vaults) {
                    PaperReport report;
                    try {
                        report = ledger.report(c.gas(), v);
                    } catch (IllegalArgumentException e) {
                        throw new UserInputException(e.getMessage(), e);
                    }
                    PaperReportWriter.print(report, System.out);
                    for (Path p : PaperReportWriter.write(report, out)) System.out.println("  wrote " + p);
                }
            }
            return 0;
        }
    }
}
