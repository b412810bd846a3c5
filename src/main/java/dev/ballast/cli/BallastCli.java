package dev.ballast.cli;

import dev.ballast.cli.pool.PoolCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
            PaperCommand.class,
            DashboardCommand.class,
            PlanCommand.class,
            StatusCommand.class,
            RebalanceCommand.class,
            GuardianCommands.Pause.class,
            GuardianCommands.Unpause.class,
            ProposalCommands.List_.class,
            ApproveCommand.class,
            ProposalCommands.Reject.class,
            HoldCommands.Hold.class,
            HoldCommands.Release.class,
            JournalCommand.class,
            DeployCommand.class,
            PoolCommand.class,
            IlCommand.class,
            BenchCommand.class,
            BacktestCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BallastCli {
    static final int HELP_WIDTH = 120;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        Integer unknown = UnknownCommand.check(cli, args);
        if (unknown != null) return unknown;
        return cli.execute(args);
    }

    /** The configured command tree: help width, error handling, the command list and every command's examples. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BallastCli())
                .setUsageHelpWidth(HELP_WIDTH) // the descriptions are written as lines of up to this width
                .setExecutionExceptionHandler(new ErrorHandler());
        CommandList.install(cli);
        Examples.install(cli);
        for (CommandLine sub : cli.getSubcommands().values()) withoutVersionOption(sub);
        return cli;
    }

    /** --version belongs to 'ballast' itself: on a subcommand it is an option that does nothing of its own. */
    private static void withoutVersionOption(CommandLine command) {
        CommandLine.Model.OptionSpec version = command.getCommandSpec().findOption("--version");
        if (version != null) command.getCommandSpec().remove(version);
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getParent() == command) withoutVersionOption(sub);
        }
    }

    /** The project version and the git commit of the build, from the properties file the build writes. */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "/dev/ballast/version.properties";

        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = BallastCli.class.getResourceAsStream(RESOURCE)) {
                if (in == null) return new String[] {"ballast (version unknown: " + RESOURCE + " is missing from this build)"};
                p.load(in);
            }
            return new String[] {"ballast " + p.getProperty("version", "unknown") + " (commit " + p.getProperty("commit", "unknown") + ")"};
        }
    }
}
