package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.ProposalDesk;
import dev.ballast.journal.Journal;
import dev.ballast.keeper.Approvals;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Shows what the keeper would do now for each vault, with the reason; sends nothing and writes nothing to the"
                + " journal (a vault with a pending transaction shows as waiting, one an operator holds as held and is not"
                + " decided); says whether the signer holds each vault's keeper role.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @Override
    public Integer call() throws Exception {
        KeeperRuntime.Settings settings = options.settings(options.load(), policy);
        Map<String, String> holds = new HashMap<>();
        // read-only: the holds `ballast run` reads at every block, from the journal the planner opens anyway
        BiFunction<Web3j, Journal, Approvals> held = (web3j, journal) -> {
            holds.putAll(ProposalDesk.describe(ApprovalJournal.on(journal).holds()));
            return new Approvals() {
                @Override
                public Map<String, String> holds() {
                    return holds;
                }
            };
        };
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, KeeperEvents.NONE, true, held)) {
            long block = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            for (Keeper.Outcome o : runtime.keeper().tick(block)) {
                String kind = holds.containsKey(o.vault().address().toLowerCase(Locale.ROOT)) ? "held"
                        : o.kind().name().toLowerCase();
                System.out.printf("%s (block %d): %s — %s%n", o.vault().label(), o.block(), kind, o.message());
                System.out.println("  " + KeeperRole.describe(runtime.rpc(), o.vault().address(), settings.signer().getAddress(), block));
            }
        }
        return 0;
    }
}
