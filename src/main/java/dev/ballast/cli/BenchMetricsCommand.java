package dev.ballast.cli;

import dev.ballast.bench.MetricsBenchmark;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"What the keeper's metrics cost: head -> broadcast p50/p99 of the real keeper on its own Anvil "
                + "with metrics off and on (alternating segments), and /metrics scrape time over HTTP with many "
                + "vaults' series."})
final class BenchMetricsCommand implements Callable<Integer> {
    @Option(names = "--vaults", split = ",", defaultValue = "1",
            description = "Vault counts kept, comma-separated, measured side by side on one fleet (the last vault "
                    + "of each count trades every block) (default ${DEFAULT-VALUE}).")
    List<Integer> vaults;

    @Option(names = "--blocks", defaultValue = "30",
            description = "Measured blocks per segment (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Off/on segment pairs (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--scrape-vaults", defaultValue = "1000",
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
