package dev.ballast.cli;

import dev.ballast.bench.SoakBenchmark;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the real keeper for N minutes against a local Anvil mining a block a second, with a seeded "
                + "random market and random chain faults (reorgs of 1-3 blocks, base-fee spikes above the keeper's cap, "
                + "mining pauses); prints rebalances, duplicates (must be 0), journal bytes per decision and RSS over time."})
final class BenchSoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "5", description = "Run time in minutes, decimals allowed (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of market and faults (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet-retention",
            description = "Keep quiet decisions this long, e.g. 30s, 7d, or 'forever' (default 7d, like the config).")
    String quietRetention;

    @Option(names = "--rpc-faults", defaultValue = "0.02",
            description = "Share of the keeper's JSON-RPC requests a fault-injecting proxy spoils, spread evenly over "
                    + "its faults (dropped connection, 500/502, hang, garbage, truncated JSON, wrong id, null result, "
                    + "lagging head, broadcast answer lost, broadcast never forwarded); 0 connects the keeper straight "
                    + "to Anvil (default ${DEFAULT-VALUE}).")
    double rpcFaults;

    @Option(names = "--journal-dir",
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
            if (journalDir == null) BenchFiles.deleteTree(dir);
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
