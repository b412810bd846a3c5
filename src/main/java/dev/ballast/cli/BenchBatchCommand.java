package dev.ballast.cli;

import dev.ballast.bench.BatchBenchmark;
import dev.ballast.bench.BatchKeeperBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Starts a local Anvil (30M-gas blocks), deploys a fleet whose vaults allow a BatchRebalancer per "
                + "pool, moves every vault out of band in one block and rebalances them in batches; prints, beside the "
                + "keeper's one-transaction-per-vault burst on an identical fleet (ballast bench keeper), blocks until "
                + "the last rebalance, head -> last broadcast, vaults refused, transactions and gas per vault against a "
                + "lone rebalance (receipts).",
                "With --keeper: the running keeper instead (ballast run's block loop with batch.enabled, the journal, "
                + "simulation and per-vault results), Anvil mining every --block-time; prints blocks from the shock's "
                + "head to the last rebalance, head -> last broadcast, vaults refused (the issue's 47%% is the per-vault "
                + "keeper's), transactions, and where head -> last broadcast went (the keeper's own stage timings: read, "
                + "decide, route, check, simulate, sign, intent, broadcast); the baseline is the same keeper with batching "
                + "off. --gas-limit raises Anvil's block gas limit (30M, as mainnet's, holds ~40 rebalances)."})
final class BenchBatchCommand implements Callable<Integer> {
    @Option(names = "--vaults", defaultValue = "1000", description = "Fleet size (default ${DEFAULT-VALUE}).")
    int vaults;

    @Option(names = "--pools", defaultValue = "5", description = "Pools the vaults share (default ${DEFAULT-VALUE}).")
    int pools;

    @Option(names = "--max-vaults", defaultValue = "40",
            description = "Vaults per batch transaction (default ${DEFAULT-VALUE}).")
    int maxVaults;

    @Option(names = "--no-baseline", description = "Skip the per-vault keeper run beside it.")
    boolean noBaseline;

    @Option(names = "--keeper", description = "Measure the running keeper's batching (batch.enabled).")
    boolean keeper;

    @Option(names = "--block-time", defaultValue = "1s",
            description = "With --keeper: Anvil mines a block this often (default ${DEFAULT-VALUE}).")
    String blockTime;

    @Option(names = "--gas-limit", defaultValue = "30000000",
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
            BenchFiles.deleteTree(dir);
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
            BenchFiles.deleteTree(dir);
        }
    }
}
