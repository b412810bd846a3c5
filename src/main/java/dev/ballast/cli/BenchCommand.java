package dev.ballast.cli;

import dev.ballast.backtest.optimize.SweepBenchmark;
import dev.ballast.bench.BatchBenchmark;
import dev.ballast.bench.BatchKeeperBenchmark;
import dev.ballast.bench.DashboardBenchmark;
import dev.ballast.bench.GasBenchmark;
import dev.ballast.bench.KeeperBenchmark;
import dev.ballast.bench.MetricsBenchmark;
import dev.ballast.bench.PaperBenchmark;
import dev.ballast.bench.RoutingBenchmark;
import dev.ballast.bench.SoakBenchmark;
import dev.ballast.bench.VenueKeeperBenchmark;
import dev.ballast.keeper.KeeperRuntime;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Gas.class, BenchCommand.Backtest.class, BenchCommand.KeeperBench.class,
                BenchCommand.Soak.class, BenchCommand.Routing.class, BenchCommand.Metrics.class, BenchCommand.Paper.class,
                BenchCommand.Dashboard.class, BenchCommand.Batch.class, BenchJournalCommand.class,
                BenchScaleCommand.class})
final class BenchCommand {

    @Command(name = "dashboard", mixinStandardHelpOptions = true,
            description = {"The dashboard's server side with a synthetic journal: history load, and the time and size of"
                    + " the page, /api/overview (every vault) and /api/vault (one vault's charts)."})
    static final class Dashboard implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", defaultValue = "1000", description = "Vaults (default ${DEFAULT-VALUE}).")
        int vaults;

        @picocli.CommandLine.Option(names = "--days", defaultValue = "90", description = "Days of journal (default ${DEFAULT-VALUE}).")
        int days;

        @picocli.CommandLine.Option(names = "--step-hours", defaultValue = "6",
                description = "Hours between two decisions of a vault (default ${DEFAULT-VALUE}).")
        int stepHours;

        @Override
        public Integer call() throws Exception {
            if (vaults < 1 || days < 1 || stepHours < 1) throw new UserInputException("--vaults, --days, --step-hours: >= 1");
            Path dir = Files.createTempDirectory("ballast-dashboard-bench");
            try {
                DashboardBenchmark.run(System.out, vaults, days, stepHours, dir);
            } finally {
                try (var files = Files.walk(dir)) { // the journal and its WAL files
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "gas", mixinStandardHelpOptions = true,
            description = "Starts a local Anvil and prints the gasUsed of real pool and vault transactions.")
    static final class Gas implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            GasBenchmark.run(System.out);
            return 0;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Times one 10-asset x 10-year backtest and the 20-band x 5-period sweep over random entry dates, "
                    + "beside the numpy peer of the same sweep (wall and CPU time, thread counts, load average).")
    static final class Backtest implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Option(names = "--paths", defaultValue = "1000", description = "Random entry dates (default ${DEFAULT-VALUE}).")
        int paths;

        @picocli.CommandLine.Option(names = "--horizon-days", defaultValue = "365", description = "Bars per path (default ${DEFAULT-VALUE}).")
        int horizonDays;

        @picocli.CommandLine.Option(names = "--peer", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Also time scripts/bench/sweep_numpy.py (python3 + numpy), the vectorised numpy sweep, on "
                        + "the same prices and entry dates, and print the ratio (default: on; --no-peer skips it).")
        boolean peer;

        @picocli.CommandLine.Option(names = "--threads", defaultValue = "0", description = "Threads for the sweep: 0 (the "
                + "default) uses every core; 1 gives the single-thread figure beside the single-threaded peer.")
        int threads;

        @Override
        public Integer call() {
            if (threads < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--threads " + threads + ": must be >= 0 (0: every core)");
            }
            SweepBenchmark.run(System.out, paths, horizonDays, peer, threads);
            return 0;
        }
    }

    @Command(name = "keeper", mixinStandardHelpOptions = true,
            description = {"Starts a local Anvil per fleet size, deploys the vaults and runs the real keeper on them: JSON-RPC "
                    + "calls per block, time from new head to each signed transaction's broadcast (p50/p99), heap; "
                    + "prints each target and whether it is met: head -> broadcast p99 under 100 ms for 1 vault and "
                    + "under 1 s for 1,000 vaults; at most 4 state-read calls per block; heap under 256 MB."})
    static final class KeeperBench implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", split = ",", defaultValue = "1,1000",
                description = "Fleet sizes, comma-separated or repeated (default ${DEFAULT-VALUE}).")
        List<Integer> vaults;

        @picocli.CommandLine.Option(names = "--blocks", defaultValue = "30",
                description = "Measured blocks with one vault out of band, per fleet (default ${DEFAULT-VALUE}).")
        int blocks;

        @picocli.CommandLine.Option(names = "--burst-blocks", defaultValue = "1",
                description = "Measured blocks with every vault out of band, per fleet of 2+ vaults (default ${DEFAULT-VALUE}).")
        int burstBlocks;

        @picocli.CommandLine.Option(names = "--pools", defaultValue = "5",
                description = "Pools (market stacks) the vaults share (default ${DEFAULT-VALUE}).")
        int pools;

        @picocli.CommandLine.Option(names = "--journal-dir",
                description = "Where the keepers' journals go (default: a new temporary directory, deleted afterwards).")
        Path journalDir;

        @picocli.CommandLine.Option(names = "--direct",
                description = "Connect the keeper straight to Anvil: latencies without the counting hop, calls not counted.")
        boolean direct;

        @Override
        public Integer call() throws Exception {
            Path dir = journalDir != null ? journalDir : Files.createTempDirectory("ballast-bench-keeper");
            KeeperBenchmark.Options options;
            try {
                options = new KeeperBenchmark.Options(vaults, blocks, burstBlocks, pools, dir, direct);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            try {
                KeeperBenchmark.run(System.out, options);
                return 0;
            } finally {
                if (journalDir == null) deleteTree(dir);
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = {"Starts a local Anvil (30M-gas blocks), deploys a fleet whose vaults allow a BatchRebalancer per "
                    + "pool, moves every vault out of band in one block and rebalances them in batches; prints, beside the "
                    + "keeper's one-transaction-per-vault burst on an identical fleet (ballast bench keeper), blocks until "
                    + "the last rebalance, head -> last broadcast, vaults refused, transactions and gas per vault against a "
                    + "lone rebalance (receipts).",
                    "With --keeper: the running keeper instead (ballast run's block loop with batch.enabled, the journal, "
                    + "simulation and per-vault results), Anvil mining every --block-time; prints blocks from the shock's "
                    + "head to the last rebalance, head -> last broadcast, vaults refused (the issue's 47%% is the per-vault "
                    + "keeper's), transactions; the baseline is the same keeper with batching off. --gas-limit raises "
                    + "Anvil's block gas limit (30M, as mainnet's, holds ~40 rebalances)."})
    static final class Batch implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", defaultValue = "1000", description = "Fleet size (default ${DEFAULT-VALUE}).")
        int vaults;

        @picocli.CommandLine.Option(names = "--pools", defaultValue = "5", description = "Pools the vaults share (default ${DEFAULT-VALUE}).")
        int pools;

        @picocli.CommandLine.Option(names = "--max-vaults", defaultValue = "40",
                description = "Vaults per batch transaction (default ${DEFAULT-VALUE}).")
        int maxVaults;

        @picocli.CommandLine.Option(names = "--no-baseline", description = "Skip the per-vault keeper run beside it.")
        boolean noBaseline;

        @picocli.CommandLine.Option(names = "--keeper", description = "Measure the running keeper's batching (batch.enabled).")
        boolean keeper;

        @picocli.CommandLine.Option(names = "--block-time", defaultValue = "1s",
                description = "With --keeper: Anvil mines a block this often (default ${DEFAULT-VALUE}).")
        String blockTime;

        @picocli.CommandLine.Option(names = "--gas-limit", defaultValue = "30000000",
                description = "With --keeper: Anvil's block gas limit (default ${DEFAULT-VALUE}, as mainnet's).")
        long gasLimit;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("ballast-bench-batch");
            if (keeper) return keeper(dir);
            BatchBenchmark.Options options;
            try {
                options = new BatchBenchmark.Options(vaults, pools, maxVaults, dir, !noBaseline);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            try {
                BatchBenchmark.run(System.out, options);
                return 0;
            } finally {
                KeeperBench.deleteTree(dir);
            }
        }

        private int keeper(Path dir) throws Exception {
            BatchKeeperBenchmark.Options options;
            try {
                Duration every = blockTime.endsWith("ms")
                        ? Duration.ofMillis(Long.parseLong(blockTime.substring(0, blockTime.length() - 2)))
                        : Duration.parse("PT" + blockTime.toUpperCase(Locale.ROOT));
                options = new BatchKeeperBenchmark.Options(vaults, pools, maxVaults, every, dir, !noBaseline,
                        gasLimit);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new UserInputException("--block-time: " + blockTime + " is not a duration such as 1s or 500ms");
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            try {
                BatchKeeperBenchmark.run(System.out, options);
                return 0;
            } finally {
                KeeperBench.deleteTree(dir);
            }
        }
    }

    @Command(name = "routing", mixinStandardHelpOptions = true,
            description = {"A $10M four-asset vault's rebalance (planned by the keeper's policy) routed over "
                    + "MODELLED mainnet-shaped venues (Uniswap V3 0.05%/0.3%, a V2 pair, a Balancer 80/20 pool): execution "
                    + "cost in bps against the oracle-implied value, gas included, for the single best venue, the best "
                    + "split and sliced execution. No chain is started.",
                "With --anvil: the real keeper's head -> broadcast on Anvil when each leg is quoted on 3 venues of the real "
                    + "protocols' bytecode (Uniswap V3, V2, Balancer V2) besides the Ballast pool, for each --vaults count "
                    + "(one vault trades per block, handled last), and where it goes: each stage's p50/p99 per block "
                    + "(prepare, read, decide, quote, route, check, simulate, sign, intent, broadcast)."})
    static final class Routing implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--anvil", description = "Measure the keeper's latency on Anvil instead of the model table.")
        boolean anvil;

        @picocli.CommandLine.Option(names = "--vaults", split = ",", defaultValue = "1,100",
                description = "With --anvil: fleet sizes to measure (default ${DEFAULT-VALUE}).")
        List<Integer> vaults;

        @picocli.CommandLine.Option(names = "--blocks", defaultValue = "20",
                description = "With --anvil: measured blocks per fleet (default ${DEFAULT-VALUE}).")
        int blocks;

        @picocli.CommandLine.Option(names = "--gas-price", defaultValue = "20", description = "Base fee + tip in gwei (default ${DEFAULT-VALUE}).")
        BigDecimal gasPriceGwei;

        @picocli.CommandLine.Option(names = "--slice-bps", defaultValue = "10",
                description = "Slice a leg whose price impact at once is above this many bps (default ${DEFAULT-VALUE}).")
        long sliceBps;

        @picocli.CommandLine.Option(names = "--max-slices", defaultValue = "10", description = "Most slices per leg (default ${DEFAULT-VALUE}).")
        int maxSlices;

        @picocli.CommandLine.Option(names = "--scale", defaultValue = "1",
                description = "Multiplies the vault's holdings: 10 prices a $100M vault on the same venues (default ${DEFAULT-VALUE}).")
        BigDecimal scale;

        @Override
        public Integer call() throws Exception {
            if (anvil) return latency();
            RoutingBenchmark.Options options;
            try {
                options = new RoutingBenchmark.Options(gasPriceGwei, sliceBps, maxSlices, scale);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            RoutingBenchmark.run(System.out, options);
            return 0;
        }

        private Integer latency() throws Exception {
            VenueKeeperBenchmark.Options options;
            try {
                options = new VenueKeeperBenchmark.Options(vaults, blocks,
                        Files.createTempDirectory("ballast-bench-venues"));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            VenueKeeperBenchmark.run(System.out, options);
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"Runs the real keeper for N minutes against a local Anvil mining a block a second, with a seeded "
                    + "random market and random chain faults (reorgs of 1-3 blocks, base-fee spikes above the keeper's cap, "
                    + "mining pauses); prints rebalances, duplicates (must be 0), journal bytes per decision and RSS over time."})
    static final class Soak implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--minutes", defaultValue = "5", description = "Run time in minutes, decimals allowed (default ${DEFAULT-VALUE}).")
        double minutes;

        @picocli.CommandLine.Option(names = "--seed", defaultValue = "7", description = "Seed of market and faults (default ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Option(names = "--quiet-retention",
                description = "Keep quiet decisions this long, e.g. 30s, 7d, or 'forever' (default 7d, like the config).")
        String quietRetention;

        @picocli.CommandLine.Option(names = "--rpc-faults", defaultValue = "0.02",
                description = "Share of the keeper's JSON-RPC requests a fault-injecting proxy spoils, spread evenly over "
                        + "its faults (dropped connection, 500/502, hang, garbage, truncated JSON, wrong id, null result, "
                        + "lagging head, broadcast answer lost, broadcast never forwarded); 0 connects the keeper straight "
                        + "to Anvil (default ${DEFAULT-VALUE}).")
        double rpcFaults;

        @picocli.CommandLine.Option(names = "--journal-dir",
                description = "Where the journal goes (default: a new temporary directory, deleted afterwards).")
        Path journalDir;

        @Override
        public Integer call() throws Exception {
            if (!(minutes > 0) || minutes > 7 * 24 * 60) throw new UserInputException("--minutes must be in (0, 10080], was " + minutes);
            if (!(rpcFaults >= 0) || rpcFaults > 0.5) throw new UserInputException("--rpc-faults must be in [0, 0.5], was " + rpcFaults);
            Optional<Duration> retention = retention();
            Path dir = journalDir != null ? journalDir : Files.createTempDirectory("ballast-soak");
            try {
                var result = SoakBenchmark.run(System.out, new SoakBenchmark.Options(
                        Duration.ofMillis(Math.round(minutes * 60_000)), seed, retention, dir,
                        rpcFaults == 0 ? SoakBenchmark.RpcStage.DIRECT
                                : SoakBenchmark.RpcStage.faulty(rpcFaults, System.out)));
                return result.duplicates() == 0 ? 0 : 1;
            } finally {
                if (journalDir == null) KeeperBench.deleteTree(dir);
            }
        }

        private Optional<Duration> retention() {
            if (quietRetention == null) return Optional.of(KeeperRuntime.DEFAULT_QUIET_RETENTION);
            if (quietRetention.equalsIgnoreCase("forever")) return Optional.empty();
            String t = quietRetention.strip().toLowerCase(Locale.ROOT);
            try {
                return Optional.of(t.endsWith("d") ? Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))
                        : Duration.parse("PT" + t.toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                throw new UserInputException("--quiet-retention must be like 30s, 10m, 2h, 7d or forever, was " + quietRetention);
            }
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = {"What the keeper's metrics cost: head -> broadcast p50/p99 of the real keeper on its own Anvil "
                    + "with metrics off and on (alternating segments), and /metrics scrape time over HTTP with many "
                    + "vaults' series."})
    static final class Metrics implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", split = ",", defaultValue = "1",
                description = "Vault counts kept, comma-separated, measured side by side on one fleet (the last vault "
                        + "of each count trades every block) (default ${DEFAULT-VALUE}).")
        List<Integer> vaults;

        @picocli.CommandLine.Option(names = "--blocks", defaultValue = "30",
                description = "Measured blocks per segment (default ${DEFAULT-VALUE}).")
        int blocks;

        @picocli.CommandLine.Option(names = "--rounds", defaultValue = "2",
                description = "Off/on segment pairs (default ${DEFAULT-VALUE}).")
        int rounds;

        @picocli.CommandLine.Option(names = "--scrape-vaults", defaultValue = "1000",
                description = "Vaults' series in the scraped registry (default ${DEFAULT-VALUE}).")
        int scrapeVaults;

        @Override
        public Integer call() throws Exception {
            if (vaults.stream().anyMatch(v -> v < 1) || blocks < 1 || rounds < 1 || scrapeVaults < 1) {
                throw new UserInputException("--vaults, --blocks, --rounds and --scrape-vaults must be >= 1");
            }
            MetricsBenchmark.run(System.out, vaults, blocks, rounds, scrapeVaults,
                    Files.createTempDirectory("ballast-bench-metrics"));
            return 0;
        }
    }

    @Command(name = "paper", mixinStandardHelpOptions = true,
            description = {"Paper trading on the demo's moving market on a local Anvil: head -> decision per block (p50/p99) "
                    + "for each vault count; over a run of --fork-blocks blocks, every paper rebalance replayed on anvil "
                    + "--fork-block-number for the quoted-vs-forked fill difference (bps) and real gasUsed; journal growth "
                    + "per paper rebalance."})
    static final class Paper implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", split = ",", defaultValue = "1,100",
                description = "Paper vault counts, comma-separated (default ${DEFAULT-VALUE}).")
        List<Integer> vaults;

        @picocli.CommandLine.Option(names = "--steps", defaultValue = "30",
                description = "Market steps measured per vault count (default ${DEFAULT-VALUE}).")
        int steps;

        @picocli.CommandLine.Option(names = "--fork-blocks", defaultValue = "500",
                description = "Chain blocks of the verified run; 0 skips it (default ${DEFAULT-VALUE}).")
        int forkBlocks;

        @picocli.CommandLine.Option(names = "--seed", defaultValue = "11", description = "Market seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            PaperBenchmark.Options options;
            try {
                options = new PaperBenchmark.Options(vaults, steps, forkBlocks, seed);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            PaperBenchmark.run(System.out, options);
            return 0;
        }
    }
}
