package dev.ballast.cli;

import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Shows what the keeper would do now for each vault, with the reason; sends nothing and writes nothing to the"
                + " journal (a vault with a pending transaction shows as waiting).")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Override
    public Integer call() throws Exception {
        try (KeeperRuntime runtime = KeeperRuntime.create(options.settings(options.load()), KeeperEvents.NONE, true)) {
            long block = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            for (Keeper.Outcome o : runtime.keeper().tick(block)) {
                System.out.printf("%s (block %d): %s — %s%n", o.vault().label(), o.block(), o.kind().name().toLowerCase(), o.message());
            }
        }
        return 0;
    }
}
