package dev.ballast.bench;

import dev.ballast.paper.ForkVerifier;
import dev.ballast.paper.PaperChain;
import dev.ballast.paper.PaperConfig;
import dev.ballast.paper.PaperEngine;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperRows;
import dev.ballast.paper.PaperRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code ballast bench paper}: paper trading on the demo's moving market on a local Anvil. (1) head -> decision per
 * block (the batched chain read, every vault's policy, guards and venue quotes; before the ledger commit) with 1 and
 * 100 paper vaults; (2) over a run of {@code forkBlocks} blocks with every paper rebalance replayed on
 * {@code anvil --fork-block-number}, the quoted-vs-forked fill difference per leg and the real gasUsed; (3) journal
 * growth per paper rebalance and per observed block.
 */
public final class PaperBenchmark {
    private static final BigInteger BAND = BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(3));
    private static final List<String> REBALANCE_TABLES = List.of("paper_rebalances", "paper_fills");
    private static final List<String> ALL_TABLES = List.of("paper_vaults", "paper_observations", "paper_rebalances", "paper_fills",
            "paper_gaps");

    /** Vault counts, measured market steps per count, chain blocks of the fork run, and the market's seed. */
    public record Options(List<Integer> vaults, int steps, int forkBlocks, long seed) {
        public Options {
            if (vaults.isEmpty() || vaults.stream().anyMatch(v -> v < 1 || v > 1000)) {
                throw new IllegalArgumentException("--vaults: each count must be 1..1000, got " + vaults);
            }
            if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
            if (forkBlocks < 0) throw new IllegalArgumentException("--fork-blocks must be >= 0, got " + forkBlocks);
        }
    }

    /** What the run measured (the test checks it; the command prints it). */
    public record Figures(List<HeadToDecision> latencies, ForkRun fork) {}

    public record HeadToDecision(int vaults, int blocks, double p50Millis, double p99Millis) {}

    /**
     * @param bytesPerRebalance dbstat bytes of paper_rebalances + paper_fills per rebalance row (-1 without dbstat)
     * @param bytesPerObservation dbstat bytes of paper_observations per observed block and vault (-1 without dbstat)
     */
    public record ForkRun(long blocks, int rebalances, int legs, double meanAbsDiffBps, double maxAbsDiffBps, double meanGasUsed,
            long modelGas, double rowsPerRebalance, long bytesPerRebalance, long bytesPerObservation, long fileBytes) {}

    private PaperBenchmark() {}

    public static Figures run(PrintStream out, Options options) throws Exception {
        List<HeadToDecision> latencies = new ArrayList<>();
        for (int vaults : options.vaults()) {
            HeadToDecision l = latency(options, vaults);
            latencies.add(l);
            out.printf(Locale.ROOT, "paper head -> decision, %4d vault(s): p50 %.1f ms, p99 %.1f ms over %d blocks (one batched read"
                    + " per block for all vaults; quotes only for vaults that rebalance)%n", l.vaults(), l.p50Millis(), l.p99Millis(), l.blocks());
        }
        ForkRun fork = null;
        if (options.forkBlocks() > 0) {
            fork = forkRun(options);
            out.printf(Locale.ROOT, "quoted vs forked fill over %d blocks: %d paper rebalance(s), %d leg(s); |forked - quoted| mean"
                    + " %.2f bps, max %.2f bps; forked gasUsed mean %.0f (paper gas model %d)%n", fork.blocks(), fork.rebalances(),
                    fork.legs(), fork.meanAbsDiffBps(), fork.maxAbsDiffBps(), fork.meanGasUsed(), fork.modelGas());
            out.printf(Locale.ROOT, "journal growth: %.1f rows and %s of pages per paper rebalance row, filled or refused"
                    + " (paper_rebalances + paper_fills); %s per"
                    + " observed block and vault (paper_observations); ledger file %d bytes%n", fork.rowsPerRebalance(),
                    bytes(fork.bytesPerRebalance()), bytes(fork.bytesPerObservation()), fork.fileBytes());
        }
        return new Figures(latencies, fork);
    }

    private static HeadToDecision latency(Options options, int vaults) throws Exception {
        Path dir = Files.createTempDirectory("ballast-bench-paper");
        try (PaperMarket market = PaperMarket.start(options.seed(), 0.04, 600)) {
            Web3j web3j = Web3j.build(new HttpService(market.rpcUrl()));
            PaperConfig config = market.config(dir.resolve("journal.db"), vaults, BAND);
            List<Double> millis = new ArrayList<>();
            try (PaperLedger ledger = PaperLedger.open(config.journal())) {
                PaperChain chain = new PaperChain(web3j);
                PaperRunner runner = new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 256);
                runner.catchUp(); // the first block reads the tokens' decimals: not a steady-state block
                for (int step = 0; step < options.steps(); step++) {
                    market.step();
                    for (PaperEngine.Tick t : runner.catchUp()) millis.add(t.decisionNanos() / 1e6);
                }
            } finally {
                web3j.shutdown();
            }
            Latency l = Latency.of(millis);
            return new HeadToDecision(vaults, l.count(), l.p50(), l.p99());
        } finally {
            deleteQuietly(dir);
        }
    }

    private static ForkRun forkRun(Options options) throws Exception {
        Path dir = Files.createTempDirectory("ballast-bench-paper-fork");
        try (PaperMarket market = PaperMarket.start(options.seed(), 0.04, 600)) {
            Web3j web3j = Web3j.build(new HttpService(market.rpcUrl()));
            PaperConfig config = market.config(dir.resolve("journal.db"), 1, BAND);
            try (PaperLedger ledger = PaperLedger.open(config.journal())) {
                PaperChain chain = new PaperChain(web3j);
                PaperRunner runner = new PaperRunner(new PaperEngine(config, chain, ledger, new ForkVerifier(market.rpcUrl())), chain,
                        100_000);
                runner.catchUp();
                long start = market.head();
                while (market.head() - start < options.forkBlocks()) {
                    market.step();
                    runner.catchUp();
                }
                String vault = config.vaults().getFirst().name();
                List<PaperRows.RebalanceRow> filled = ledger.rebalances(vault).stream().filter(r -> r.status().equals("FILLED")).toList();
                List<Double> diffs = ledger.forkDiffsBps(vault);
                int legs = filled.stream().mapToInt(PaperRows.RebalanceRow::legs).sum();
                long rebalanceRows = ledger.rows("paper_rebalances");
                long observations = ledger.rows("paper_observations");
                long rebalanceBytes = ledger.bytes(REBALANCE_TABLES);
                long observationBytes = ledger.bytes(List.of("paper_observations"));
                long modelGas = filled.isEmpty() ? 0 : Math.round(filled.stream().mapToLong(PaperRows.RebalanceRow::gasUnits).average().orElse(0));
                ledger.bytes(ALL_TABLES); // checkpoint: the file size below is the ledger's, not a WAL's
                return new ForkRun(market.head() - start, filled.size(), legs,
                        diffs.stream().mapToDouble(Math::abs).average().orElse(Double.NaN),
                        diffs.stream().mapToDouble(Math::abs).max().orElse(Double.NaN),
                        filled.stream().filter(r -> r.forkGasUsed() != null).mapToLong(PaperRows.RebalanceRow::forkGasUsed).average().orElse(Double.NaN),
                        modelGas, rebalanceRows == 0 ? 0 : (rebalanceRows + ledger.rows("paper_fills")) / (double) rebalanceRows,
                        rebalanceBytes < 0 || rebalanceRows == 0 ? -1 : rebalanceBytes / rebalanceRows,
                        observationBytes < 0 || observations == 0 ? -1 : observationBytes / observations,
                        Files.size(config.journal()));
            } finally {
                web3j.shutdown();
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String bytes(long b) {
        return b < 0 ? "n/a bytes (no dbstat in this SQLite)" : b + " bytes";
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
