package dev.ballast.cli;

import dev.ballast.bench.PaperBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Paper trading on the demo's moving market on a local Anvil: head -> decision per block (p50/p99) "
                + "for each vault count; over a run of --fork-blocks blocks, every paper rebalance replayed on anvil "
                + "--fork-block-number for the quoted-vs-forked fill difference (bps) and real gasUsed; journal growth "
                + "per paper rebalance."})
final class BenchPaperCommand implements Callable<Integer> {
    @Option(names = "--vaults", split = ",", defaultValue = "1,100",
            description = "Paper vault counts, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> vaults;

    @Option(names = "--steps", defaultValue = "30",
            description = "Market steps measured per vault count (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--fork-blocks", defaultValue = "500",
            description = "Chain blocks of the verified run; 0 skips it (default ${DEFAULT-VALUE}).")
    int forkBlocks;

    @Option(names = "--seed", defaultValue = "11", description = "Market seed (default ${DEFAULT-VALUE}).")
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
