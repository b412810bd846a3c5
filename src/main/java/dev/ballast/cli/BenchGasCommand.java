package dev.ballast.cli;

import dev.ballast.bench.GasBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gas", mixinStandardHelpOptions = true,
        description = "Starts a local Anvil and prints the gasUsed of real pool and vault transactions.")
final class BenchGasCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        GasBenchmark.run(System.out);
        return 0;
    }
}
