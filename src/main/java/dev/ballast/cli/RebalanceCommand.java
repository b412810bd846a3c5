package dev.ballast.cli;

import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Semi-automatic mode: proposes the keeper's plan for one vault now and sends it only after",
                "confirmation (or --yes), through the same guards, simulation, journal and fee logic as 'run'."})
final class RebalanceCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.")
    String vault;

    @Option(names = "--yes", description = "Send without asking.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        KeeperConfig config = options.load();
        VaultConfig chosen = GuardianCommands.find(config, vault);
        KeeperRuntime.Settings all = options.settings(config, policy);
        KeeperRuntime.Settings one = new KeeperRuntime.Settings(all.chainId(), all.endpoints(), all.privateSubmissionUrl(),
                all.signer(), all.vaults().stream().filter(v -> v.address().equalsIgnoreCase(chosen.address())).toList(),
                all.gas(), all.confirmations(), all.pollInterval(), all.journal(), all.gasModel(), all.prices(),
                all.quietRetention());
        long block;
        try (KeeperRuntime planner = KeeperRuntime.create(one, KeeperEvents.NONE, true)) {
            block = planner.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            Keeper.Outcome plan = planner.keeper().tick(block).getFirst();
            System.out.println(chosen.name() + " (block " + block + "): " + plan.kind().name().toLowerCase() + " — " + plan.message());
            if (plan.kind() != Keeper.Outcome.Kind.PLANNED) return 0;
        }
        if (!Confirm.ask("send this rebalance", yes)) return 1;
        try (KeeperRuntime runtime = KeeperRuntime.create(one, KeeperEvents.NONE, false)) {
            long now = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            List<Keeper.Outcome> outcomes = runtime.keeper().tick(now);
            Keeper.Outcome o = outcomes.getFirst();
            System.out.println(chosen.name() + ": " + o.kind().name().toLowerCase() + " — " + o.message());
            return o.kind() == Keeper.Outcome.Kind.REBALANCED ? 0 : 1;
        }
    }
}
