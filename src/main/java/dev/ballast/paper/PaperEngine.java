package dev.ballast.paper;

import dev.ballast.chain.VaultState;
import dev.ballast.keeper.ManipulationCheck;
import dev.ballast.keeper.PortfolioReader;
import dev.ballast.policy.Decision;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.policy.ValueUnits;
import dev.ballast.policy.VaultMath;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One block of paper trading for every paper vault: one batched read of the live chain, then per vault the keeper's
 * own PortfolioReader, policy and ManipulationCheck on the virtual vault; a rebalance is quoted leg by leg on the real
 * venue at that block, held to the vault's execution guards ({@link PaperGuards}), priced in gas at the block's base
 * fee, optionally replayed on a fork, and committed to the ledger together with the vault's new holdings and the
 * block it reached.
 */
public final class PaperEngine {
    private static final Logger log = LoggerFactory.getLogger("paper");

    private final PaperConfig config;
    private final PaperChain chain;
    private final PaperLedger ledger;
    private final ForkCheck fork;
    private final Map<String, PaperRows.VaultRow> rows = new HashMap<>();
    private Map<String, Integer> decimals;
    private final Map<String, String> lastLine = new HashMap<>();

    /** {@code fork} may be null: no replay. */
    public PaperEngine(PaperConfig config, PaperChain chain, PaperLedger ledger, ForkCheck fork) {
        this.config = config;
        this.chain = chain;
        this.ledger = ledger;
        this.fork = fork;
    }

    /** What happened to one vault at one block. */
    public record Outcome(String vault, long block, Kind kind, String message) {
        public enum Kind { SKIPPED, UNPRICED, REFUSED, WAITING, FILLED }
    }

    /** A handled block: outcomes, and nanoseconds from the start of its read to the last decision and to the commit. */
    public record Tick(long block, List<Outcome> outcomes, long decisionNanos, long totalNanos) {}

    /** The last block every configured vault has handled (-1 when some vault has not started). */
    public long lastBlock() {
        long last = Long.MAX_VALUE;
        for (PaperConfig.Vault v : config.vaults()) {
            Optional<PaperRows.VaultRow> row = row(v);
            if (row.isEmpty()) return -1;
            last = Math.min(last, row.get().lastBlock());
        }
        return last;
    }

    /** Records that {@code vaults} did not observe {@code from..to}, and moves them past it (never silently). */
    public void skip(long from, long to, String reason) {
        log.warn("paper: blocks {}..{} not observed: {}", from, to, reason);
        ledger.write(batch -> {
            for (PaperConfig.Vault v : config.vaults()) {
                Optional<PaperRows.VaultRow> row = row(v);
                if (row.isEmpty() || row.get().lastBlock() >= to) continue;
                batch.gap(new PaperRows.Gap(v.name(), Math.max(from, row.get().lastBlock() + 1), to, reason));
                PaperRows.VaultRow moved = withBlock(row.get(), row.get().balances(), row.get().lastRebalance(), to);
                batch.saveVault(moved);
                rows.put(v.name(), moved);
            }
        });
    }

    /** Handles {@code block} for every vault that has not yet; fails (IOException) when the node cannot serve it. */
    public Tick tick(long block) throws IOException {
        long started = System.nanoTime();
        if (decimals == null) decimals = chain.decimals(PaperChain.tokens(config.vaults()));
        List<PaperConfig.Vault> due = config.vaults().stream()
                .filter(v -> row(v).map(r -> r.lastBlock() < block).orElse(true)).toList();
        if (due.isEmpty()) return new Tick(block, List.of(), 0, 0);
        MarketRead read = chain.read(block, due);
        List<Outcome> outcomes = new ArrayList<>();
        List<PaperLedger.Work> writes = new ArrayList<>();
        for (PaperConfig.Vault v : due) outcomes.add(handle(v, read, writes));
        long decided = System.nanoTime() - started;
        try {
            ledger.write(batch -> {
                for (PaperLedger.Work w : writes) w.run(batch);
            });
        } catch (RuntimeException e) {
            rows.clear(); // the ledger is the truth: what was not committed is read back from it
            throw e;
        }
        return new Tick(block, outcomes, decided, System.nanoTime() - started);
    }

    private Outcome handle(PaperConfig.Vault v, MarketRead read, List<PaperLedger.Work> writes) throws IOException {
        long block = read.block();
        PaperRows.VaultRow row = row(v).orElse(null);
        if (row == null) {
            List<Integer> d = v.assets().stream().map(a -> decimals.get(a.token().toLowerCase(Locale.ROOT))).toList();
            Optional<List<BigInteger>> start = VirtualVault.startingBalances(v, d, read);
            if (start.isEmpty()) {
                return say(v, block, Outcome.Kind.UNPRICED, "cannot start: the router prices no asset at this block yet");
            }
            row = new PaperRows.VaultRow(v.name(), v.assets().stream().map(PaperConfig.PaperAsset::token).toList(), d,
                    v.assets().stream().map(PaperConfig.PaperAsset::target).toList(), block, start.get(), start.get(), 0, block - 1);
            log.info("paper vault {} starts at block {} holding {}", v.name(), block, start.get());
        }
        VaultState state = VirtualVault.state(v, row, read);
        BigInteger gasPrice = read.baseFee().add(config.gas().tipWei());
        GasQuote gas = new GasQuote(gasPrice.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(), config.gas().perRebalance(),
                config.gas().perSwap(), config.gas().nativePrice());
        PortfolioReader.Result portfolio = PortfolioReader.read(state, read.timestamp(), gas);
        if (portfolio.snapshot().isEmpty()) {
            PaperRows.VaultRow unchanged = withBlock(row, row.balances(), row.lastRebalance(), block);
            rows.put(v.name(), unchanged);
            String why = portfolio.refusal();
            writes.add(b -> {
                b.gap(new PaperRows.Gap(v.name(), block, block, "unpriced: " + why));
                b.saveVault(unchanged);
            });
            return say(v, block, Outcome.Kind.UNPRICED, why);
        }
        PortfolioSnapshot snapshot = portfolio.snapshot().get();
        RebalancePolicy policy = new RebalancePolicy(PortfolioReader.params(state.params(), VirtualVault.managed(v)));
        Decision decision = policy.decide(snapshot);
        Step step = decision.rebalance() ? rebalance(v, row, state, read, snapshot, policy, decision, gas)
                : new Step(Outcome.Kind.SKIPPED, decision.explain(), row.balances(), row.lastRebalance(), null, List.of());
        PaperRows.VaultRow next = withBlock(row, step.balances(), step.lastRebalance(), block);
        rows.put(v.name(), next);
        PaperRows.Observation observation = new PaperRows.Observation(v.name(), block, read.timestamp(), read.baseFee(),
                VirtualVault.prices(v, read), ValueUnits.toDecimal(snapshot.nav()).doubleValue(),
                BigDecimal.valueOf(decision.before().maxAbs(), 18).doubleValue(), step.kind().name());
        writes.add(b -> {
            b.observe(observation);
            if (step.rebalance() != null) b.rebalance(step.rebalance(), step.fills());
            b.saveVault(next);
        });
        return say(v, block, step.kind(), step.message());
    }

    /** What a decision came to: the holdings after it and, for a rebalance attempt, its ledger rows. */
    private record Step(Outcome.Kind kind, String message, List<BigInteger> balances, long lastRebalance,
            PaperRows.RebalanceRow rebalance, List<PaperRows.FillRow> fills) {}

    private Step rebalance(PaperConfig.Vault v, PaperRows.VaultRow row, VaultState state, MarketRead read,
            PortfolioSnapshot snapshot, RebalancePolicy policy, Decision decision, GasQuote gas) throws IOException {
        List<Leg> legs = decision.plan().legs().stream().filter(l -> l.call() == 1).toList();
        Optional<String> refusal = policy.vaultRefusal(snapshot)
                .or(() -> ManipulationCheck.check(state, v.venue(), legs).map(ManipulationCheck.Refusal::reason));
        if (refusal.isPresent()) return refused(v, row, read, decision, legs.size(), gas, "refusing to trade: " + refusal.get());
        if (v.policy().gasBudget() > 0 && decision.gasCost() > v.policy().gasBudget()) {
            return new Step(Outcome.Kind.WAITING, "expected gas cost " + ValueUnits.toDecimal(decision.gasCost())
                    + " is above the gas budget " + ValueUnits.toDecimal(v.policy().gasBudget()), row.balances(), row.lastRebalance(),
                    null, List.of());
        }
        List<PaperChain.QuoteRequest> requests = new ArrayList<>();
        for (Leg leg : legs) {
            BigInteger tiny = leg.sellAmount().divide(BigInteger.valueOf(1000)).max(BigInteger.ONE);
            requests.add(new PaperChain.QuoteRequest(v.venue(), leg.sellAsset(), leg.buyAsset(), leg.sellAmount()));
            requests.add(new PaperChain.QuoteRequest(v.venue(), leg.sellAsset(), leg.buyAsset(), tiny));
        }
        List<BigInteger> quotes = chain.quote(read.block(), requests);
        List<BigInteger> received = new ArrayList<>();
        for (int k = 0; k < legs.size(); k++) received.add(quotes.get(2 * k));
        PaperGuards.Book book = new PaperGuards.Book(row.balances(), state.assets().stream()
                .map(a -> a.routerPrice().value()).toList(), row.decimals(), row.targets());
        List<Integer> sell = legs.stream().map(Leg::sellIndex).toList();
        List<Integer> buy = legs.stream().map(Leg::buyIndex).toList();
        PaperGuards.Outcome guarded = PaperGuards.apply(book, legs, sell, buy, received, v.policy().maxSlippage(),
                v.policy().maxTradeFraction());
        if (!guarded.filled()) {
            return refused(v, row, read, decision, legs.size(), gas, "the vault would revert with " + guarded.error().get()
                    + " at the venue's quotes " + received);
        }
        List<PaperRows.FillRow> fills = new ArrayList<>();
        double traded = 0, cost = 0, fee = 0, impact = 0;
        ForkCheck.Result forked = fork == null ? null : fork.replay(read.block(), v, row.balances(), legs);
        double worstDiff = 0;
        for (int k = 0; k < legs.size(); k++) {
            Leg leg = legs.get(k);
            int i = sell.get(k), j = buy.get(k);
            BigInteger spot = state.venuePrice(leg.sellAsset(), leg.buyAsset()).map(p -> p.spot().value()).orElse(BigInteger.ZERO);
            FillCosts c = FillCosts.of(leg.sellAmount(), received.get(k), requests.get(2 * k + 1).amountIn(), quotes.get(2 * k + 1),
                    row.decimals().get(i), row.decimals().get(j), spot, book.prices().get(i), book.prices().get(j));
            traded += c.valueIn();
            cost += c.valueIn() - c.valueOut();
            fee += c.valueIn() * c.feeBps() / 1e4;
            impact += c.valueIn() * (1 - c.feeBps() / 1e4) * c.impactBps() / 1e4;
            BigInteger forkedOut = forked != null && forked.mined() ? forked.amountsOut().get(k) : null;
            Double diff = forkedOut == null ? null : diffBps(received.get(k), forkedOut);
            if (diff != null && Math.abs(diff) > Math.abs(worstDiff)) worstDiff = diff;
            BigInteger oracleOut = VaultMath.mulDivDown(leg.sellAmount().multiply(book.prices().get(i)),
                    BigInteger.TEN.pow(row.decimals().get(j)), book.prices().get(j).multiply(BigInteger.TEN.pow(row.decimals().get(i))));
            fills.add(new PaperRows.FillRow(k + 1, leg.sellAsset(), leg.buyAsset(), leg.sellAmount(), received.get(k), oracleOut,
                    guarded.minOuts().get(k), c.feeBps(), c.impactBps(), c.costBps(), forkedOut, diff));
        }
        long units = gas.gasUnits(1, legs.size());
        double gasValue = gasValue(units, read.baseFee().add(config.gas().tipWei()));
        PaperRows.RebalanceRow r = new PaperRows.RebalanceRow(v.name(), read.block(), read.timestamp(), "FILLED",
                decision.explain(), legs.size(), traded, cost, fee, impact, units, read.baseFee().add(config.gas().tipWei()), gasValue,
                VirtualVault.wadToDouble(guarded.navBefore()), VirtualVault.wadToDouble(guarded.navAfter()),
                VirtualVault.wadToDouble(guarded.driftBefore()), VirtualVault.wadToDouble(guarded.driftAfter()),
                forked == null ? null : forked.status(), forked == null ? null : forked.gasUsed(),
                forked == null || !forked.mined() ? null : worstDiff);
        String forkNote = forked == null ? "" : forked.mined() ? String.format("; fork: gasUsed %d, worst leg %+.2f bps vs quote",
                forked.gasUsed(), worstDiff) : "; fork: " + forked.status();
        String message = String.format("filled %d leg(s) moving %.2f: cost %.2f (fee %.2f, impact %.2f), gas %d units = %.2f at"
                + " %s gwei; drift %.2f%% -> %.2f%%%s", legs.size(), traded, cost, fee, impact, units, gasValue,
                new BigDecimal(read.baseFee().add(config.gas().tipWei()), 9).stripTrailingZeros().toPlainString(),
                r.driftBefore() * 100, r.driftAfter() * 100, forkNote);
        return new Step(Outcome.Kind.FILLED, message, guarded.balancesAfter(), read.timestamp(), r, fills);
    }

    private Step refused(PaperConfig.Vault v, PaperRows.VaultRow row, MarketRead read, Decision decision, int legs, GasQuote gas,
            String why) {
        double drift = BigDecimal.valueOf(decision.before().maxAbs(), 18).doubleValue();
        PaperRows.RebalanceRow r = new PaperRows.RebalanceRow(v.name(), read.block(), read.timestamp(), "REFUSED", why, legs,
                0, 0, 0, 0, 0, BigInteger.valueOf(gas.gasPriceWei()), 0, 0, 0, drift, drift, null, null, null);
        return new Step(Outcome.Kind.REFUSED, why, row.balances(), row.lastRebalance(), r, List.of());
    }

    /** Gas in numeraire: units × wei per gas × native price / 1e18. */
    private double gasValue(long units, BigInteger weiPerGas) {
        BigDecimal wei = new BigDecimal(weiPerGas.multiply(BigInteger.valueOf(units)));
        return wei.movePointLeft(18).multiply(ValueUnits.toDecimal(config.gas().nativePrice())).doubleValue();
    }

    /** (forked − quoted) / quoted in basis points. */
    static double diffBps(BigInteger quoted, BigInteger forked) {
        if (quoted.signum() == 0) return forked.signum() == 0 ? 0 : Double.POSITIVE_INFINITY;
        return new BigDecimal(forked.subtract(quoted)).multiply(BigDecimal.valueOf(10_000))
                .divide(new BigDecimal(quoted), MathContext.DECIMAL64).doubleValue();
    }

    private Optional<PaperRows.VaultRow> row(PaperConfig.Vault v) {
        PaperRows.VaultRow cached = rows.get(v.name());
        if (cached != null) return Optional.of(cached);
        Optional<PaperRows.VaultRow> stored = ledger.vault(v.name());
        stored.ifPresent(r -> rows.put(v.name(), r));
        return stored;
    }

    private static PaperRows.VaultRow withBlock(PaperRows.VaultRow r, List<BigInteger> balances, long lastRebalance, long block) {
        return new PaperRows.VaultRow(r.name(), r.tokens(), r.decimals(), r.targets(), r.startBlock(), r.initialBalances(),
                balances, lastRebalance, block);
    }

    /** Logs a vault's outcome when it changes (a vault refused for the same reason block after block says it once). */
    private Outcome say(PaperConfig.Vault v, long block, Outcome.Kind kind, String message) {
        String line = kind + ":" + message;
        if (kind != Outcome.Kind.SKIPPED && !line.equals(lastLine.put(v.name(), line))) {
            log.atInfo().addKeyValue("vault", v.name()).addKeyValue("block", block).addKeyValue("decision", kind.name().toLowerCase())
                    .log("block {} paper vault {} [{}] {}", block, v.name(), kind.name().toLowerCase(), message);
        }
        return new Outcome(v.name(), block, kind, message);
    }
}
