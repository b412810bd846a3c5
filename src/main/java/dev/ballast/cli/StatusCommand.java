package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Hold;
import dev.ballast.approval.Proposal;
import dev.ballast.chain.AssetState;
import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.ChangeDecoder;
import dev.ballast.chain.DepositCapUse;
import dev.ballast.chain.ProposedChange;
import dev.ballast.chain.TimelockReader;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.journal.TxAttempt;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.tx.RevertDecoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.DefaultBlockParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per vault: weights against targets, drift, last rebalance, paused, the deposit cap and how much "
                + "of it is used, the changes pending in its timelock (what each will call, on the vault or its router, and from when), whether the signer holds the "
                + "keeper role, whether an operator holds it (`ballast hold`) and its open proposal, and pending transactions.")
final class StatusCommand implements Callable<Integer> {
    private static final RevertDecoder ERRORS = RevertDecoder.forBallast();

    @Mixin
    KeeperOptions options;

    @Override
    public Integer call() throws Exception {
        KeeperRuntime.Settings settings = options.settings(options.load());
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, KeeperEvents.NONE, true);
                ApprovalJournal approvals = ApprovalJournal.on(runtime.journal())) {
            Map<String, Hold> holds = approvals.holds();
            long block = runtime.rpc().send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
            VaultReader reader = new VaultReader(runtime.rpc(), settings.reads());
            ChainSnapshot snapshot = reader.read(block,
                    settings.vaults().stream().map(KeeperRuntime.VaultSpec::address).toList(), List.of());
            TimelockReader timelock = new TimelockReader(runtime.rpc());
            long now = runtime.rpc().send("eth_getBlockByNumber", w -> w.ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false))
                    .getBlock().getTimestamp().longValueExact();
            for (int v = 0; v < snapshot.vaults().size(); v++) {
                VaultState vault = snapshot.vaults().get(v);
                print(settings.vaults().get(v).name(), vault, block);
                System.out.println("  " + KeeperRole.describe(runtime.rpc(), vault.address(), settings.signer().getAddress(), block));
                printChanges(vault.address(), timelock.pending(vault.address(), block), now);
                printApprovals(holds.get(vault.address().toLowerCase(Locale.ROOT)), approvals.openProposal(vault.address()));
            }
            List<TxAttempt> pending = runtime.journal().pendingTransactions();
            if (pending.isEmpty()) System.out.println("pending transactions: none");
            for (TxAttempt a : pending) {
                System.out.printf("pending: vault %s nonce %d tx %s (%s)%n", a.vault(), a.nonce(), a.txHash(), a.status());
            }
        }
        return 0;
    }

    private static void print(String name, VaultState vault, long block) {
        System.out.printf("%s %s at block %d%s%n", name, vault.address(), block, vault.paused() ? " [PAUSED]" : "");
        if (!vault.complete()) {
            System.out.println("  unreadable: " + vault.unreadable());
            return;
        }
        System.out.println("  " + depositCap(vault.depositCap(), vault.totalSupply()));
        BigDecimal nav = BigDecimal.ZERO;
        for (AssetState a : vault.assets()) {
            if (a.routerPrice().price().isEmpty()) {
                System.out.printf("  %s: no router price (%s)%n", a.asset(), a.routerPrice().revertSelector()
                        .map(s -> ERRORS.nameOf(s) + " " + s).orElse(a.routerPrice().status().toString()));
                return;
            }
            nav = nav.add(value(a));
        }
        BigDecimal maxDrift = BigDecimal.ZERO;
        System.out.printf("  %-44s %9s %9s %9s%n", "asset", "weight", "target", "drift");
        for (AssetState a : vault.assets()) {
            BigDecimal weight = nav.signum() == 0 ? BigDecimal.ZERO : value(a).divide(nav, 18, RoundingMode.DOWN);
            BigDecimal target = new BigDecimal(a.targetWeight(), 18);
            BigDecimal drift = weight.subtract(target);
            maxDrift = maxDrift.max(drift.abs());
            System.out.printf("  %-44s %9s %9s %9s%n", a.asset(), pct(weight), pct(target), pct(drift));
        }
        BigInteger last = vault.lastRebalance();
        System.out.printf("  max drift %s (band %s), NAV %s, last rebalance %s%n", pct(maxDrift),
                pct(new BigDecimal(vault.params().band(), 18)), nav.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                last.signum() == 0 ? "never" : Instant.ofEpochSecond(last.longValueExact()).toString());
    }

    /** The operator's override and the proposal waiting for approval (issue 19 §2), both from the journal. */
    private static void printApprovals(Hold hold, Optional<Proposal> open) {
        if (hold != null) {
            System.out.println("  on hold since " + hold.heldAt() + " by " + hold.heldBy() + ": " + hold.reason());
        }
        open.ifPresent(p -> System.out.println("  open proposal #" + p.id() + " (expires block " + p.expiresBlock() + " / "
                + p.expiresAt() + ")"));
    }

    /** The timelock's queue: a depositor who disagrees with a change can withdraw before its ETA. */
    private static void printChanges(String vault, List<ProposedChange> changes, long now) {
        if (changes.isEmpty()) {
            System.out.println("  pending changes: none");
            return;
        }
        for (ProposedChange c : changes) {
            String on = c.target().equalsIgnoreCase(vault) ? "vault" : "router " + c.target();
            long wait = c.eta() - now;
            System.out.printf("  pending change #%s on %s: %s, executable from %s (%s)%n", c.nonce(), on,
                    ChangeDecoder.describe(c.call()), Instant.ofEpochSecond(c.eta()),
                    wait > 0 ? "in " + wait / 3600 + "h " + wait % 3600 / 60 + "m " + wait % 60 + "s" : "now");
        }
    }

    /** The capped first allocation: how much of the cap the share supply uses; shares have 18 decimals. */
    static String depositCap(BigInteger cap, BigInteger supply) {
        if (cap == null) return "deposit cap: not supported by this vault (deployed before the cap)";
        DepositCapUse use = new DepositCapUse(cap, supply);
        return use.capped() ? "deposit cap: " + use.text() : "deposit cap: none (uncapped)";
    }

    private static BigDecimal value(AssetState a) {
        return new BigDecimal(a.accountedBalance(), a.decimals()).multiply(new BigDecimal(a.routerPrice().value(), 18));
    }

    private static String pct(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
