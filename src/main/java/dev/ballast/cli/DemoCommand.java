package dev.ballast.cli;

import dev.ballast.demo.Demo;
import dev.ballast.demo.DemoOptions;
import dev.ballast.demo.DemoSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts its own local Anvil, deploys a market (tokens, feeds, weighted pool, vault), runs a seeded",
                "random-walk market with an arbitrage bot, and lets the real keeper manage the vault. Anvil is stopped",
                "on exit, Ctrl-C included. Exit code 0 when the run ended within the band (and any attack was refused)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "45", description = "Wall-clock seconds of market (default ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--steps", defaultValue = "0",
            description = "Run exactly this many market steps instead of --duration (repeatable runs).")
    int steps;

    @Option(names = "--seed", defaultValue = "7", description = "Market seed; the same seed repeats a run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--assets", defaultValue = "3", description = "Number of assets, 2..4 (default ${DEFAULT-VALUE}).")
    int assets;

    @Option(names = "--band", defaultValue = "0.05", description = "Vault drift band as a fraction (default ${DEFAULT-VALUE}).")
    BigDecimal band;

    @Option(names = "--speed", defaultValue = "600",
            description = "Chain seconds per market step, >= 60 (default ${DEFAULT-VALUE}: 10 minutes).")
    long speed;

    @Option(names = "--attack", description = "Half way, attempt a pool manipulation that vault and keeper must refuse.")
    boolean attack;

    @Option(names = "--plain", description = "Print a line per step instead of redrawing the screen.")
    boolean plain;

    @Option(names = "--venues", split = ",", defaultValue = "ballast",
            description = {"Venues the market runs on, comma-separated: ballast (always), univ3 (the real Uniswap V3: a 0.3%",
                    "pool per asset), balancer (the real Balancer V2: one weighted pool of all assets). The arbitrage bot",
                    "keeps every venue in line with the feeds (default ${DEFAULT-VALUE})."})
    List<String> venues;

    @Override
    public Integer call() throws Exception {
        DemoOptions options;
        try {
            options = new DemoOptions(Duration.ofSeconds(seconds), steps, seed, assets, band, Duration.ofSeconds(speed), attack,
                    !plain && System.console() != null, venues);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        DemoSummary summary = new Demo(options, System.out).run();
        boolean ok = summary.endedWithinBand() && (!attack || (summary.attackRevertedOnChain() && summary.attackRefusedByKeeper()));
        return ok ? 0 : 1;
    }
}
