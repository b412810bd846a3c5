package dev.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command. Exit codes: 0 ok, 1 failed, 2 bad usage or bad input. */
@Command(
        name = "ballast",
        mixinStandardHelpOptions = true,
        versionProvider = BallastCli.Version.class,
        description = "Automated portfolio rebalancing for DeFi: weighted pools, guarded vaults, a keeper.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            PlanCommand.class,
            StatusCommand.class,
            RebalanceCommand.class,
            GuardianCommands.Pause.class,
            GuardianCommands.Unpause.class,
            JournalCommand.class,
            DeployCommand.class,
            dev.ballast.cli.pool.PoolCommand.class,
            IlCommand.class,
            BenchCommand.class,
            BacktestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BallastCli {
    static final int HELP_WIDTH = 120;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new BallastCli())
                .setUsageHelpWidth(HELP_WIDTH) // the descriptions are written as lines of up to this width
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BallastCli.class.getPackage().getImplementationVersion();
            return new String[] {"ballast " + (version == null ? "(development build)" : version)};
        }
    }
}
