package dev.ballast.cli;

import dev.ballast.bench.RoutingBenchmark;
import dev.ballast.bench.VenueKeeperBenchmark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "routing", mixinStandardHelpOptions = true,
        description = {"A $10M four-asset vault's rebalance (planned by the keeper's policy) routed over "
                + "MODELLED mainnet-shaped venues (Uniswap V3 0.05%/0.3%, a V2 pair, a Balancer 80/20 pool): execution "
                + "cost in bps against the oracle-implied value, gas included, for the single best venue, the best "
                + "split and sliced execution. No chain is started.",
            "With --anvil: the real keeper's head -> broadcast on Anvil when each leg is quoted on 3 venues of the real "
                + "protocols' bytecode (Uniswap V3, V2, Balancer V2) besides the Ballast pool, for each --vaults count "
                + "(one vault trades per block, handled last), and where it goes: each stage's p50/p99 per block "
                + "(prepare, read, decide, quote, route, check, simulate, sign, intent, broadcast)."})
final class BenchRoutingCommand implements Callable<Integer> {
    @Option(names = "--anvil", description = "Measure the keeper's latency on Anvil instead of the model table.")
    boolean anvil;

    @Option(names = "--vaults", split = ",", defaultValue = "1,100",
            description = "With --anvil: fleet sizes to measure (default ${DEFAULT-VALUE}).")
    List<Integer> vaults;

    @Option(names = "--blocks", defaultValue = "20",
            description = "With --anvil: measured blocks per fleet (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--gas-price", defaultValue = "20", description = "Base fee + tip in gwei (default ${DEFAULT-VALUE}).")
    BigDecimal gasPriceGwei;

    @Option(names = "--slice-bps", defaultValue = "10",
            description = "Slice a leg whose price impact at once is above this many bps (default ${DEFAULT-VALUE}).")
    long sliceBps;

    @Option(names = "--max-slices", defaultValue = "10", description = "Most slices per leg (default ${DEFAULT-VALUE}).")
    int maxSlices;

    @Option(names = "--scale", defaultValue = "1",
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
