package dev.ballast.cli;

import dev.ballast.bench.GasBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Gas.class})
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
}
