package dev.ballast.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every command's Examples section (the picocli footer), kept in one table so the test can parse each example against
 * the real command tree: an example that stops parsing after an option is renamed fails the build, not the user.
 */
final class Examples {
    /** Addresses are shell variables: an example line must fit the help width unwrapped to be copied whole. */
    private static final String POOL = "$POOL";

    /** Qualified command name (without "ballast ") → example command lines, each with a few words on what it does. */
    static final Map<String, List<String>> TABLE = Map.ofEntries(
            Map.entry("", List.of("ballast demo --steps 40 --attack   # a local market, the keeper and an attack, 40 steps",
                    "ballast plan -c keeper-config.yaml   # what the keeper would do now")),
            Map.entry("demo", List.of("ballast demo   # 45 s of market on a local Anvil",
                    "ballast demo --steps 40 --seed 3 --attack --plain   # a repeatable run, a line per step")),
            Map.entry("run", List.of("ballast run -c keeper-config.yaml",
                    "ballast run -c keeper-config.yaml --json   # one JSON object per log line",
                    "ballast run -c keeper-config.yaml --dashboard   # also the web dashboard on :9465")),
            Map.entry("paper", List.of("ballast paper -c keeper-config/paper.yaml   # virtual vaults on the live chain",
                    "ballast paper -c paper.yaml --verify-on-fork --once   # catch up, replay fills on a fork")),
            Map.entry("paper report", List.of("ballast paper report -c paper.yaml --out paper-report/",
                    "ballast paper report -c paper.yaml --vault eth-btc-usdc-paper")),
            Map.entry("dashboard", List.of("ballast dashboard -c keeper-config.yaml   # http://127.0.0.1:9465/",
                    "ballast dashboard -c keeper-config.yaml --backtest report/report.json --port 8080",
                    "ballast dashboard -c keeper-config.yaml --paper-config keeper-config/paper.yaml   # + paper runs")),
            Map.entry("plan", List.of("ballast plan -c keeper-config.yaml")),
            Map.entry("status", List.of("ballast status -c keeper-config.yaml")),
            Map.entry("rebalance", List.of("ballast rebalance main-vault -c keeper-config.yaml   # shows the plan, asks",
                    "ballast rebalance main-vault -c keeper-config.yaml --yes")),
            Map.entry("pause", List.of("ballast pause main-vault -c keeper-config.yaml --yes")),
            Map.entry("unpause", List.of("ballast unpause main-vault -c keeper-config.yaml --yes")),
            Map.entry("proposals", List.of("ballast proposals -c keeper-config.yaml",
                    "ballast proposals -c keeper-config.yaml --json -n 5")),
            Map.entry("approve", List.of("ballast approve 12 -c keeper-config.yaml   # re-checks at the current block, sends",
                    "ballast approve 12 -c keeper-config.yaml --sign --owner-key-env OWNER2_KEY   # Safe: add a signature")),
            Map.entry("reject", List.of("ballast reject 12 -c keeper-config.yaml --reason stale-prices")),
            Map.entry("hold", List.of("ballast hold main-vault -c keeper-config.yaml --reason token-migration")),
            Map.entry("release", List.of("ballast release main-vault -c keeper-config.yaml")),
            Map.entry("journal", List.of("ballast journal -c keeper-config.yaml -n 50")),
            Map.entry("config", List.of("ballast config check -c keeper-config.yaml")),
            Map.entry("config check", List.of("ballast config check -c keeper-config.yaml   # exit 0 valid, 2 invalid file, 3 environment",
                    "ballast config check -c keeper-config.yaml --no-environment   # on a build machine without keys")),
            Map.entry("deploy", List.of("ballast deploy --rpc http://127.0.0.1:8545 --config deployment.yaml --dry-run",
                    "ballast deploy --rpc http://127.0.0.1:8545 --config deployment.yaml --out deployment.json --yes")),
            Map.entry("pool", List.of("ballast pool quote --pool " + POOL + " --in USDC --out WETH --amount-in 1000")),
            Map.entry("pool create", List.of("ballast pool create --factory $FACTORY --tokens $USDC,$WETH --weights 0.5,0.5 "
                    + "--fee 0.3   # USDC quotes")),
            Map.entry("pool join", List.of("ballast pool join --pool " + POOL + " --amounts USDC=4000,WETH=1 --approve",
                    "ballast pool join --pool " + POOL + " --single WETH 0.5 --slippage 1")),
            Map.entry("pool exit", List.of("ballast pool exit --pool " + POOL + " --all",
                    "ballast pool exit --pool " + POOL + " --lp 10 --single USDC")),
            Map.entry("pool swap", List.of("ballast pool swap --pool " + POOL + " --in USDC --out WETH --amount-in 2500 --slippage 1",
                    "ballast pool swap --pool " + POOL + " --in USDC --out WETH --amount-out 0.5 --approve")),
            Map.entry("pool quote", List.of("ballast pool quote --pool " + POOL + " --in USDC --out WETH --amount-in 1000",
                    "ballast pool quote --pool " + POOL + " --join-lp 1 --exit-lp 1")),
            Map.entry("pool position", List.of("ballast pool position --pool " + POOL + " --prices USDC=1,WETH=3000")),
            Map.entry("il", List.of("ballast il --weights 0.5,0.5 --ratios 1,4   # -> -20% (one asset quadrupled)",
                    "ballast il --weights 0.8,0.2 --prices prices.csv --rebalance-every 5")),
            Map.entry("bench", List.of("ballast bench gas")),
            Map.entry("bench gas", List.of("ballast bench gas")),
            Map.entry("bench backtest", List.of("ballast bench backtest --paths 1000 --horizon-days 365")),
            Map.entry("bench keeper", List.of("ballast bench keeper --vaults 1,1000 --blocks 30 --burst-blocks 1")),
            Map.entry("bench soak", List.of("ballast bench soak --minutes 5 --seed 7")),
            Map.entry("bench batch", List.of("ballast bench batch --vaults 1000 --pools 5 --max-vaults 40")),
            Map.entry("bench journal", List.of("ballast bench journal",
                    "ballast bench journal --vaults 12 --kills 20 --freeze 10s --cut 10s --lease-ttl 3s")),
            Map.entry("bench metrics", List.of("ballast bench metrics --vaults 1,1000 --blocks 20 --rounds 2 --scrape-vaults 1000")),
            Map.entry("bench scale", List.of("ballast bench scale   # 10,000 vaults, 4 keepers",
                    "ballast bench scale --vaults 1000 --keepers 4 --pools 10 --shocks 6")),
            Map.entry("bench paper", List.of("ballast bench paper   # 1 and 100 paper vaults, then a 500-block verified run",
                    "ballast bench paper --vaults 1 --steps 5 --fork-blocks 60")),
            Map.entry("bench dashboard", List.of("ballast bench dashboard --vaults 1000 --days 90")),
            Map.entry("bench routing", List.of("ballast bench routing --gas-price 20 --slice-bps 10",
                    "ballast bench routing --scale 10")),
            Map.entry("backtest", List.of("ballast backtest   # the bundled EuStockMarkets sample",
                    "ballast backtest --synthetic gbm --years 10 --sweep --out report/")),
            Map.entry("help", List.of("ballast help pool swap")));

    private Examples() {}

    static void install(CommandLine cli) {
        String key = qualified(cli);
        List<String> examples = TABLE.get(key);
        if (examples != null) {
            StringBuilder footer = new StringBuilder("%nExamples:%n");
            // the footer is a format string: a literal percent sign must be doubled
            for (String e : examples) footer.append("  ").append(e.replace("%", "%%")).append("%n");
            cli.getCommandSpec().usageMessage().footer(footer.toString());
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getParent() == cli) install(sub);
        }
    }

    /** "pool swap" for {@code ballast pool swap}, "" for {@code ballast} itself. */
    static String qualified(CommandLine cli) {
        String name = cli.getCommandSpec().qualifiedName();
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }
}
