package dev.ballast.cli;

import dev.ballast.bench.KeeperBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keeper", mixinStandardHelpOptions = true,
        description = {"Starts a local Anvil per fleet size, deploys the vaults and runs the real keeper on them: JSON-RPC "
                + "calls per block, time from new head to each signed transaction's broadcast (p50/p99), heap; "
                + "prints each target and whether it is met: head -> broadcast p99 under 100 ms for 1 vault and "
                + "under 1 s for 1,000 vaults; at most 4 state-read calls per block; heap under 256 MB."})
final class BenchKeeperCommand implements Callable<Integer> {
    @Option(names = "--vaults", split = ",", defaultValue = "1,1000",
            description = "Fleet sizes, comma-separated or repeated (default ${DEFAULT-VALUE}).")
    List<Integer> vaults;

    @Option(names = "--blocks", defaultValue = "30",
            description = "Measured blocks with one vault out of band, per fleet (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--burst-blocks", defaultValue = "1",
            description = "Measured blocks with every vault out of band, per fleet of 2+ vaults (default ${DEFAULT-VALUE}).")
    int burstBlocks;

    @Option(names = "--pools", defaultValue = "5",
            description = "Pools (market stacks) the vaults share (default ${DEFAULT-VALUE}).")
    int pools;

    @Option(names = "--journal-dir",
            description = "Where the keepers' journals go (default: a new temporary directory, deleted afterwards).")
    Path journalDir;

    @Option(names = "--direct",
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
            if (journalDir == null) BenchFiles.deleteTree(dir);
        }
    }
}
