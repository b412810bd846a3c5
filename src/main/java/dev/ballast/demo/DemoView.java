package dev.ballast.demo;

import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.TxOutcome;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.tx.exceptions.ContractCallException;

/**
 * The demo's live terminal view: per asset weight vs target and drift, the keeper's latest lines, rebalances with their
 * gas, and NAV against the buy-and-hold basket. On a terminal it redraws in place; otherwise (logs, tests) it prints a
 * line per step and every keeper event.
 */
final class DemoView implements KeeperEvents {
    private static final int EVENTS_SHOWN = 8;
    /** The terminal width the view is laid out for. */
    static final int WIDTH = 160;
    private static final String EVENT_INDENT = "    ";
    private final PrintStream out;
    private final List<DevAsset> assets;
    private final BigDecimal band;
    private final boolean live;
    private final Deque<List<String>> events = new ArrayDeque<>();
    private List<String> addresses = List.of();
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

    /** Lets event lines name the vault's assets by symbol: the keeper's messages carry addresses and indices. */
    void nameAssets(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /**
     * An event line, with asset addresses and "asset #i" replaced by symbols, folded at word boundaries so no printed
     * line passes {@link #WIDTH} columns (a wrapped line breaks the live view's redraw); nothing is cut off.
     */
    void note(String line) {
        List<String> folded = fold(named(line), WIDTH - EVENT_INDENT.length());
        if (live) {
            events.addLast(folded);
            while (events.size() > EVENTS_SHOWN) events.removeFirst();
        } else {
            for (String part : folded) out.println(EVENT_INDENT + part);
        }
    }

    String named(String line) {
        String text = line;
        for (int i = 0; i < assets.size(); i++) {
            String symbol = assets.get(i).symbol();
            text = text.replace("asset #" + i, symbol);
            if (i < addresses.size()) {
                text = Pattern.compile(Pattern.quote(addresses.get(i)), Pattern.CASE_INSENSITIVE).matcher(text)
                        .replaceAll(Matcher.quoteReplacement(symbol));
            }
        }
        return text;
    }

    /** Splits at spaces into lines of at most {@code width} characters; continuation lines are indented by two. */
    static List<String> fold(String line, int width) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        String indent = "";
        while (indent.length() + rest.length() > width) {
            int room = width - indent.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) cut = room; // one word longer than the line: split it, keep every character
            lines.add(indent + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            indent = "  ";
        }
        lines.add(indent + rest);
        return lines;
    }

    void render(int step, long block, List<BigDecimal> prices, DevStack stack, BigDecimal hold) throws Exception {
        List<BigInteger> weights;
        BigDecimal drift;
        BigDecimal nav;
        try {
            weights = stack.vault().currentWeights().send();
            drift = Demo.wad(stack.vault().drift().send().component1());
            nav = Demo.wad(stack.vault().nav().send()).setScale(2, RoundingMode.HALF_EVEN);
        } catch (ContractCallException e) {
            // the vault values itself through the router, which fails closed while its sources disagree
            String why = RevertText.describe(RevertDecoder.forBallast().decode(e.getMessage()), this::token);
            if (!live) {
                line(String.format("step %4d block %5d  vault unpriced: router refuses (%s)", step, block, why));
            }
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
        for (List<String> e : events) {
            for (String part : e) screen.append(EVENT_INDENT).append(part).append('\n');
        }
        out.print(screen);
        out.flush();
    }

    void summary(DemoSummary s) {
        out.println();
        out.println("summary");
        line(String.format("  steps %d, rebalances %d (total gas %,d), refusals %d", s.steps(), s.rebalances(), s.gasUsed(),
                s.refusals()));
        line(String.format("  final max drift %s, band %s: %s", Demo.percent(s.finalDrift()), Demo.percent(s.band()),
                s.endedWithinBand() ? "within the band" : "OUTSIDE the band"));
        line(String.format("  vault NAV %,.2f -> %,.2f; buy-and-hold would be %,.2f", s.navStart(), s.navEnd(), s.holdEnd()));
        if (s.attackAttempted()) {
            line(String.format("  manipulation attempt: vault %s, keeper %s",
                    s.attackRevertedOnChain() ? "reverted it (" + s.attackRevert() + ")" : "DID NOT revert it",
                    s.attackRefusedByKeeper() ? "refused to trade" : "TRADED"));
        }
    }

    /** A plain output line, assets named, folded so it fits the width (continuation lines indented). */
    private void line(String text) {
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        for (String part : fold(named(text.strip()), WIDTH - indent.length())) out.println(indent + part);
    }

    /** The demo's own assets by address, so a revert names them (SourcesDisagree(asset=WETH, ...)). */
    Optional<RevertText.Token> token(String address) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i).equalsIgnoreCase(address)) {
                return Optional.of(new RevertText.Token(assets.get(i).symbol(), assets.get(i).decimals()));
            }
        }
        return Optional.empty();
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
