package dev.ballast.cli;

import dev.ballast.backtest.optimize.SweepBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Times one 10-asset x 10-year backtest and the 20-band x 5-period sweep over random entry dates, "
                + "beside the numpy peer of the same sweep (wall and CPU time, thread counts, load average).")
final class BenchBacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--paths", defaultValue = "1000", description = "Random entry dates (default ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--horizon-days", defaultValue = "365", description = "Bars per path (default ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--peer", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time scripts/bench/sweep_numpy.py (python3 + numpy), the vectorised numpy sweep, on "
                    + "the same prices and entry dates, and print the ratio (default: on; --no-peer skips it).")
    boolean peer;

    @Option(names = "--threads", defaultValue = "0", description = "Threads for the sweep: 0 (the "
            + "default) uses every core; 1 gives the single-thread figure beside the single-threaded peer.")
    int threads;

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--threads " + threads + ": must be >= 0 (0: every core)");
        }
        SweepBenchmark.run(System.out, paths, horizonDays, peer, threads);
        return 0;
    }
}
