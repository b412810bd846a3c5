package dev.ballast.cli;

import dev.ballast.bench.GasBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Gas.class, BenchCommand.Backtest.class})
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
}
