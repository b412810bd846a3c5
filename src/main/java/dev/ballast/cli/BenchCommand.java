package dev.ballast.cli;

import dev.ballast.bench.GasBenchmark;
import dev.ballast.bench.KeeperBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Gas.class, BenchCommand.Backtest.class, BenchCommand.KeeperBench.class})
final class BenchCommand {

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
            description = "Times one 10-asset x 10-year backtest and the 20-band x 5-period sweep over random entry dates.")
    static final class Backtest implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--paths", defaultValue = "1000", description = "Random entry dates (default ${DEFAULT-VALUE}).")
        int paths;

        @picocli.CommandLine.Option(names = "--horizon-days", defaultValue = "365", description = "Bars per path (default ${DEFAULT-VALUE}).")
        int horizonDays;

        @Override
        public Integer call() {
            dev.ballast.backtest.optimize.SweepBenchmark.run(System.out, paths, horizonDays);
            return 0;
        }
    }

    @Command(name = "keeper", mixinStandardHelpOptions = true,
            description = {"Starts a local Anvil per fleet size, deploys the vaults and runs the real keeper on them: JSON-RPC "
                    + "calls per block, time from new head to each signed transaction's broadcast (p50/p99), heap; "
                    + "prints the issue's targets and whether each is met.",
                    "Example: ballast bench keeper --vaults 1,1000 --blocks 30 --burst-blocks 1"})
    static final class KeeperBench implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--vaults", split = ",", defaultValue = "1,1000",
                description = "Fleet sizes, comma-separated or repeated (default ${DEFAULT-VALUE}).")
        java.util.List<Integer> vaults;

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
        java.nio.file.Path journalDir;

        @picocli.CommandLine.Option(names = "--direct",
                description = "Connect the keeper straight to Anvil: latencies without the counting hop, calls not counted.")
        boolean direct;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path dir = journalDir != null ? journalDir : java.nio.file.Files.createTempDirectory("ballast-bench-keeper");
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

        private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
            try (var paths = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }
    }
}
