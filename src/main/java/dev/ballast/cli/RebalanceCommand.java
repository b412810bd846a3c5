package dev.ballast.cli;

import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.RefusedBeforeSendException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Semi-automatic mode: proposes the keeper's plan for one vault now and sends it only after",
                "confirmation (or --yes), through the same guards, simulation, journal and fee logic as 'run'.",
                "With journal.url (several keepers) it journals to the shared journal and sends under the vault's lease",
                "like a keeper: run it with the config (signer) of a keeper running on that journal, normally the",
                "vault's; other signers are refused (exit 2)."})
final class RebalanceCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.")
    String vault;

    @Option(names = "--yes", description = "Send without asking.")
    boolean yes;

    /**
     * A signer without the ETH for the plan's gas would meet the node's raw -32003 "insufficient funds" after the
     * keeper signed; refuse before, with the balance and the plan's own gas cost (its value over --native-price).
     */
    private void requireFunds(KeeperRuntime planner, String signer, long gasCostValue) throws RefusedBeforeSendException {
        BigInteger wei = planner.rpc().send("eth_getBalance", w -> w.ethGetBalance(signer, DefaultBlockParameterName.LATEST))
                .getBalance();
        BigDecimal balance = new BigDecimal(wei, 18);
        BigDecimal needed = ValueUnits.toDecimal(gasCostValue).divide(policy.nativePrice, 18, RoundingMode.UP);
        if (balance.compareTo(needed) < 0) {
            throw new RefusedBeforeSendException("not sent: signer " + Keys.toChecksumAddress(signer) + " has "
                    + eth(balance) + " ETH, needs ≈ " + eth(needed) + " ETH for the plan's gas; fund it and re-run");
        }
    }

    private static String eth(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    @Override
    public Integer call() throws Exception {
        KeeperConfig config = options.load();
        VaultConfig chosen = GuardianCommands.find(config, vault);
        KeeperRuntime.Settings all = options.settings(config, policy);
        // on the config's journal: with journal.url the shared one, under the vault's lease like a keeper (LiveKeepers)
        KeeperRuntime.Settings one = all.onlyVault(chosen.address());
        long block;
        try (KeeperRuntime planner = KeeperRuntime.create(one, KeeperEvents.NONE, true)) {
            LiveKeepers.requireSignerAmong(planner, one, "VAULT", "rebalance", "rebalance");
            block = planner.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            Keeper.Outcome plan = planner.keeper().tick(block).getFirst();
            System.out.println(chosen.name() + " (block " + block + "): " + plan.kind().name().toLowerCase() + " — " + plan.message());
            if (plan.kind() != Keeper.Outcome.Kind.PLANNED) return 0;
            requireFunds(planner, one.signer().getAddress(), plan.decision().gasCost());
        }
        if (!Confirm.ask("send this rebalance", yes)) return 1;
        // the keeper's send path simulates the call (a foreseeable revert is refused there, nothing sent)
        try (KeeperRuntime runtime = KeeperRuntime.create(one, KeeperEvents.NONE, false)) {
            LiveKeepers.requireSignerAmong(runtime, one, "VAULT", "rebalance", "rebalance"); // one may have started meanwhile
            long now = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            List<Keeper.Outcome> outcomes = runtime.keeper().tick(now);
            Keeper.Outcome o = outcomes.getFirst();
            System.out.println(chosen.name() + ": " + o.kind().name().toLowerCase() + " — " + o.message());
            return o.kind() == Keeper.Outcome.Kind.REBALANCED ? 0 : 1;
        }
    }
}
