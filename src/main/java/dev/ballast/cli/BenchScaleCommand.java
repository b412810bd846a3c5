package dev.ballast.cli;

import dev.ballast.bench.ScaleBenchmark;
import dev.ballast.bench.ThrowawayPostgres;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Issue 16 §5: a large vault fleet on its own Anvil (one vault per pool deployed through its"
                + " constructor and timelock, the rest copies of those) shared by several `ballast run` keepers on a"
                + " throwaway PostgreSQL journal with leases. Prints per keeper the vaults leased, lens reads per block and"
                + " heap; head -> broadcast p50/p99 for a vault out of band; then the journal's write latency on"
                + " PostgreSQL vs SQLite while the keepers run."})
final class BenchScaleCommand implements Callable<Integer> {
    @Option(names = "--vaults", defaultValue = "10000", description = "Vaults in the fleet (default ${DEFAULT-VALUE}).")
    int vaults;

    @Option(names = "--keepers", defaultValue = "4", description = "Keeper processes, 1..8 (default ${DEFAULT-VALUE}).")
    int keepers;

    @Option(names = "--pools", defaultValue = "20", description = "Pools the vaults trade in, 1..40 (default ${DEFAULT-VALUE}).")
    int pools;

    @Option(names = "--trading", defaultValue = "8",
            description = "Vaults, spread over the fleet, that each shock moves out of their band (default ${DEFAULT-VALUE}).")
    int trading;

    @Option(names = "--shocks", defaultValue = "10", description = "Measured shocks (default ${DEFAULT-VALUE}).")
    int shocks;

    @Option(names = "--keeper-heap", defaultValue = "1g", description = "-Xmx of each keeper JVM (default ${DEFAULT-VALUE}).")
    String keeperHeap;

    @Option(names = "--writes", defaultValue = "300", description = "Rebalances journaled per engine (default ${DEFAULT-VALUE}).")
    int writes;

    @Override
    public Integer call() throws Exception {
        if (!keeperHeap.matches("\\d+[mg]")) throw new UserInputException("--keeper-heap must be like 512m or 1g, got " + keeperHeap);
        if (writes < 1) throw new UserInputException("--writes must be >= 1");
        ScaleBenchmark.Options options;
        try {
            options = new ScaleBenchmark.Options(vaults, keepers, pools, trading, shocks, keeperHeap, writes);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        ScaleBenchmark.run(System.out, options, ThrowawayPostgres.start(true));
        return 0;
    }
}
