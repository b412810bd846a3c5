package dev.ballast.paper;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.GasModel;
import dev.ballast.backtest.Measures;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a paper vault's ledger adds up to: its NAV against buy-and-hold of its starting basket and against the target
 * mix rebalanced at every block for free, turnover, execution cost, gas, tracking error, Sharpe, rebalances, gaps, the
 * quoted-vs-forked differences, and what {@code ballast backtest} expects for the same policy on the prices this run
 * observed (the backtester's flat fee at the fee rate the venue charged, no price impact, gas at the run's median
 * gas price). Figures for people, so doubles.
 *
 * @param series per observed second (the last block of each timestamp): time, paper NAV, NAV net of gas paid so far,
 *               buy-and-hold, target, and the backtest's NAV
 */
public record PaperReport(String vault, long fromBlock, long toBlock, long fromTime, long toTime, Map<String, Double> paper,
        Map<String, Double> backtest, List<double[]> series, List<PaperRows.Gap> gaps, List<String> refusals) {
    static final String[] COLUMNS = {"time", "paper_nav", "paper_nav_net_gas", "buy_and_hold", "target", "backtest_nav"};

    /**
     * The report of one vault's ledger rows. Pure: the ledger ({@link PaperLedger#report}) and the read-only dashboard
     * both call it with the rows they read, so the two show the same figures.
     *
     * @param policy the vault's policy as the keeper would run it (for the backtest comparison)
     */
    public static PaperReport of(PaperConfig.Gas gasModel, PolicyParams policy, PaperRows.Run run) {
        PaperRows.VaultRow row = run.vault();
        List<PaperRows.Observation> all = run.observations();
        String name = row.name();
        List<PaperRows.Observation> obs = lastPerSecond(all);
        if (obs.size() < 2) throw new IllegalArgumentException("paper vault " + name + " has " + obs.size()
                + " observed second(s); a report needs at least two");
        List<PaperRows.RebalanceRow> rebalances = run.rebalances();
        List<PaperRows.RebalanceRow> filled = rebalances.stream().filter(r -> r.status().equals("FILLED")).toList();
        int n = obs.size();
        int assets = row.decimals().size();
        double[] initial = new double[assets];
        for (int i = 0; i < assets; i++) initial[i] = new BigDecimal(row.initialBalances().get(i)).movePointLeft(row.decimals().get(i)).doubleValue();
        double[] targets = row.targets().stream().mapToDouble(t -> new BigDecimal(t, 18).doubleValue()).toArray();
        double[] nav = new double[n], net = new double[n], hold = new double[n], target = new double[n];
        double gasPaid = 0;
        int next = 0;
        for (int t = 0; t < n; t++) {
            PaperRows.Observation o = obs.get(t);
            while (next < filled.size() && filled.get(next).block() <= o.block()) gasPaid += filled.get(next++).gasValue();
            nav[t] = o.nav();
            net[t] = o.nav() - gasPaid;
            for (int i = 0; i < assets; i++) hold[t] += initial[i] * o.prices().get(i);
            if (t == 0) {
                target[t] = nav[0];
            } else {
                double growth = 0;
                for (int i = 0; i < assets; i++) growth += targets[i] * o.prices().get(i) / obs.get(t - 1).prices().get(i);
                target[t] = target[t - 1] * growth;
            }
        }
        double years = Math.max(1, obs.getLast().time() - obs.getFirst().time()) / (double) Measures.SECONDS_PER_YEAR;
        double traded = filled.stream().mapToDouble(PaperRows.RebalanceRow::tradedValue).sum();
        double cost = filled.stream().mapToDouble(PaperRows.RebalanceRow::costValue).sum();
        double fees = filled.stream().mapToDouble(PaperRows.RebalanceRow::feeValue).sum();
        double gas = filled.stream().mapToDouble(PaperRows.RebalanceRow::gasValue).sum();
        double avgNav = Arrays.stream(nav).average().orElse(0);
        Map<String, Double> paper = new LinkedHashMap<>();
        paper.put("final NAV", nav[n - 1]);
        paper.put("final NAV net of gas", net[n - 1]);
        paper.put("buy-and-hold NAV", hold[n - 1]);
        paper.put("target (free, every block) NAV", target[n - 1]);
        paper.put("return %", (net[n - 1] / nav[0] - 1) * 100);
        paper.put("rebalances", (double) filled.size());
        paper.put("refused rebalances", (double) (rebalances.size() - filled.size()));
        paper.put("traded value", traded);
        paper.put("turnover % (one-way, of average NAV)", avgNav > 0 ? traded / avgNav * 100 : 0);
        paper.put("execution cost", cost);
        paper.put("fees", fees);
        paper.put("gas", gas);
        paper.put("cost bps of traded (incl. gas)", traded > 0 ? (cost + gas) / traded * 1e4 : Double.NaN);
        paper.put("tracking error % (annualised)", trackingError(net, target, n - 1, years) * 100);
        paper.put("sharpe (annualised, rf 0)", sharpe(net, n - 1, years));
        paper.put("max drift %", obs.stream().mapToDouble(PaperRows.Observation::maxDrift).max().orElse(0) * 100);
        paper.put("final drift %", obs.getLast().maxDrift() * 100);
        List<Double> diffs = run.forkDiffsBps();
        if (!diffs.isEmpty()) {
            paper.put("quoted vs forked legs", (double) diffs.size());
            paper.put("quoted vs forked mean |bps|", diffs.stream().mapToDouble(Math::abs).average().orElse(0));
            paper.put("quoted vs forked max |bps|", diffs.stream().mapToDouble(Math::abs).max().orElse(0));
            paper.put("forked gasUsed mean", filled.stream().filter(r -> r.forkGasUsed() != null)
                    .mapToLong(PaperRows.RebalanceRow::forkGasUsed).average().orElse(0));
        }
        BacktestResult bt = backtest(gasModel, policy, row, obs, nav[0], traded > 0 ? fees / traded : 0);
        Map<String, Double> backtest = new LinkedHashMap<>();
        backtest.put("final NAV", bt.finalNav());
        backtest.put("return %", bt.measures().totalReturn() * 100);
        backtest.put("rebalances", (double) bt.measures().rebalances());
        backtest.put("traded value", bt.measures().tradedValue());
        backtest.put("cost (fees + impact + gas)", bt.measures().fees() + bt.measures().impact() + bt.measures().gas());
        backtest.put("tracking error % (annualised)", bt.measures().trackingError() * 100);
        backtest.put("paper minus backtest NAV", net[n - 1] - bt.finalNav());
        List<double[]> series = new ArrayList<>();
        for (int t = 0; t < n; t++) series.add(new double[] {obs.get(t).time(), nav[t], net[t], hold[t], target[t], bt.nav()[t]});
        List<String> refusals = rebalances.stream().filter(r -> !r.status().equals("FILLED"))
                .map(r -> "block " + r.block() + ": " + r.reason()).toList();
        return new PaperReport(name, all.getFirst().block(), all.getLast().block(), obs.getFirst().time(), obs.getLast().time(),
                paper, backtest, series, run.gaps(), refusals);
    }

    /** The backtester on the observed prices, with the vault's own policy. */
    private static BacktestResult backtest(PaperConfig.Gas gasModel, PolicyParams policy, PaperRows.VaultRow row,
            List<PaperRows.Observation> obs, double capital, double feeRate) {
        long[] times = obs.stream().mapToLong(PaperRows.Observation::time).toArray();
        double[][] prices = obs.stream().map(o -> o.prices().stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
        long[] targets = row.targets().stream().mapToLong(BigInteger::longValueExact).toArray();
        GasModel gas = GasModel.constant(gasModel.perRebalance(), gasModel.perSwap(), medianGasPrice(obs, gasModel.tipWei()),
                ValueUnits.toDecimal(gasModel.nativePrice()).doubleValue());
        return new BacktestEngine(new PriceSeries(row.tokens(), times, prices), new BacktestConfig(capital, targets, 0),
                new CostModel(feeRate, Double.POSITIVE_INFINITY, gas))
                .run(new Strategy.Rebalancing("paper policy", policy));
    }

    private static long medianGasPrice(List<PaperRows.Observation> obs, BigInteger tip) {
        List<BigInteger> fees = obs.stream().map(PaperRows.Observation::baseFeeWei).sorted().toList();
        return fees.get(fees.size() / 2).add(tip).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** One observation per block timestamp (the last): the backtester's bars must move forward in time. */
    private static List<PaperRows.Observation> lastPerSecond(List<PaperRows.Observation> all) {
        List<PaperRows.Observation> out = new ArrayList<>();
        for (PaperRows.Observation o : all) {
            if (o.prices().stream().anyMatch(p -> !(p > 0))) continue;
            if (!out.isEmpty() && out.getLast().time() >= o.time()) out.removeLast();
            out.add(o);
        }
        return out;
    }

    private static double trackingError(double[] nav, double[] target, int periods, double years) {
        double[] d = new double[periods];
        for (int t = 1; t <= periods; t++) d[t - 1] = (nav[t] / nav[t - 1]) - (target[t] / target[t - 1]);
        return stdev(d) * Math.sqrt(periods / years);
    }

    private static double sharpe(double[] nav, int periods, double years) {
        double[] r = new double[periods];
        for (int t = 1; t <= periods; t++) r[t - 1] = nav[t] / nav[t - 1] - 1;
        double sd = stdev(r);
        double mean = Arrays.stream(r).average().orElse(0);
        return sd == 0 ? Double.NaN : mean * (periods / years) / (sd * Math.sqrt(periods / years));
    }

    private static double stdev(double[] x) {
        if (x.length < 2) return 0;
        double mean = Arrays.stream(x).average().orElse(0);
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / (x.length - 1));
    }
}
