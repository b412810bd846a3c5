package dev.ballast.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchGasCommand.class, BenchBacktestCommand.class, BenchKeeperCommand.class,
                BenchSoakCommand.class, BenchRoutingCommand.class, BenchMetricsCommand.class, BenchPaperCommand.class,
                BenchDashboardCommand.class, BenchBatchCommand.class, BenchJournalCommand.class,
                BenchScaleCommand.class})
final class BenchCommand {
    private BenchCommand() {}
}
