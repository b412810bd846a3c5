package dev.ballast.demo;

import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.TxOutcome;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The demo's live terminal view: per asset weight vs target and drift, the keeper's latest lines, rebalances with their
 * gas, and NAV against the buy-and-hold basket. On a terminal it redraws in place; otherwise (logs, tests) it prints a
 * line per step and every keeper event.
 */
final class DemoView implements KeeperEvents {
    private static final int EVENTS_SHOWN = 8;
    private final PrintStream out;
    private final List<DevAsset> assets;
    private final BigDecimal band;
    private final boolean live;
    private final Deque<String> events = new ArrayDeque<>();
    private int rebalances;
    private int refusals;
    private long gasUsed;

    DemoView(PrintStream out, List<DevAsset> assets, BigDecimal band, boolean live) {
        this.out = out;
        this.assets = assets;
        this.band = band;
        this.live = live;
    }

    @Override
    public void decided(Keeper.Outcome outcome) {
        if (outcome.kind() == Keeper.Outcome.Kind.REFUSED) refusals++;
        if (outcome.kind() != Keeper.Outcome.Kind.SKIPPED) note("block " + outcome.block() + " keeper [" + outcome.kind().name().toLowerCase() + "] " + outcome.message());
    }

    @Override
    public void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {
        if (confirmed.succeeded()) {
            rebalances++;
            gasUsed += confirmed.receipt().getGasUsed().longValueExact();
        }
    }

    void note(String line) {
        String trimmed = line.length() > 160 ? line.substring(0, 157) + "..." : line;
        events.addLast(trimmed);
        while (events.size() > EVENTS_SHOWN) events.removeFirst();
        if (!live) out.println("  " + trimmed);
    }

    void render(int step, long block, List<BigDecimal> prices, DevStack stack, BigDecimal hold, String shock) throws Exception {
        if (shock != null) note("block " + block + " market " + shock);
        List<BigInteger> weights;
        BigDecimal drift;
        BigDecimal nav;
        try {
            weights = stack.vault().currentWeights().send();
            drift = Demo.wad(stack.vault().drift().send().component1());
            nav = Demo.wad(stack.vault().nav().send()).setScale(2, RoundingMode.HALF_EVEN);
        } catch (org.web3j.tx.exceptions.ContractCallException e) {
            // the vault values itself through the router, which fails closed while its sources disagree
            String why = RevertDecoder.forBallast().decode(e.getMessage()).toString();
            if (!live) out.printf("step %4d block %5d  vault unpriced: router refuses (%s)%n", step, block, why);
            else note("block " + block + " vault unpriced: router refuses (" + why + ")");
            return;
        }
        if (!live) {
            out.printf("step %4d block %5d  drift %7s (band %s)  NAV %,14.2f  hold %,14.2f  rebalances %d%n", step, block,
                    Demo.percent(drift), Demo.percent(band), nav, hold, rebalances);
            return;
        }
        StringBuilder screen = new StringBuilder("\033[H\033[2J");
        screen.append(String.format("Ballast demo — step %d, block %d%n%n", step, block));
        screen.append(String.format("  %-6s %14s %9s %9s %9s%n", "asset", "price (USD)", "weight", "target", "drift"));
        for (int i = 0; i < assets.size(); i++) {
            BigDecimal w = Demo.wad(weights.get(i));
            BigDecimal t = Demo.wad(assets.get(i).vaultWeight());
            BigDecimal d = w.subtract(t);
            String flag = d.abs().compareTo(band) > 0 ? "  <- outside band" : "";
            screen.append(String.format("  %-6s %,14.2f %9s %9s %9s%s%n", assets.get(i).symbol(), prices.get(i),
                    Demo.percent(w), Demo.percent(t), Demo.percent(d), flag));
        }
        screen.append(String.format("%n  max drift %s (band %s)   rebalances %d (gas %,d)   refusals %d%n", Demo.percent(drift),
                Demo.percent(band), rebalances, gasUsed, refusals));
        screen.append(String.format("  vault NAV %,16.2f   buy-and-hold %,16.2f   difference %s%n%n", nav, hold,
                Demo.percent(nav.subtract(hold).divide(hold, 8, RoundingMode.HALF_EVEN))));
        screen.append("  recent events:\n");
        for (String e : events) screen.append("    ").append(e).append('\n');
        out.print(screen);
        out.flush();
    }

    void summary(DemoSummary s) {
        out.println();
        out.println("summary");
        out.printf("  steps %d, rebalances %d (total gas %,d), refusals %d%n", s.steps(), s.rebalances(), s.gasUsed(), s.refusals());
        out.printf("  final max drift %s, band %s: %s%n", Demo.percent(s.finalDrift()), Demo.percent(s.band()),
                s.endedWithinBand() ? "within the band" : "OUTSIDE the band");
        out.printf("  vault NAV %,.2f -> %,.2f; buy-and-hold would be %,.2f%n", s.navStart(), s.navEnd(), s.holdEnd());
        if (s.attackAttempted()) {
            out.printf("  manipulation attempt: vault %s, keeper %s%n",
                    s.attackRevertedOnChain() ? "reverted it (" + s.attackRevert() + ")" : "DID NOT revert it",
                    s.attackRefusedByKeeper() ? "refused to trade" : "TRADED");
        }
    }

    int rebalances() {
        return rebalances;
    }

    int refusals() {
        return refusals;
    }

    long gasUsed() {
        return gasUsed;
    }
}
