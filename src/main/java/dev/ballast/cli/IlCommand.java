package dev.ballast.cli;

import dev.ballast.backtest.data.PriceCsvReader;
import dev.ballast.backtest.data.PriceDataException;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.deploy.DecimalMath;
import dev.ballast.lp.ImpermanentLoss;
import dev.ballast.lp.IlReplay;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "il", mixinStandardHelpOptions = true,
        description = {"Impermanent loss of a weighted (geometric-mean) pool, fees left out:",
                "  V_pool / V_hold = prod(r_i ^ w_i) / sum(w_i * r_i), r_i = new price / old price of asset i.",
                "With --ratios: that formula for one price change. With --prices FILE: replays a price history",
                "(CSV: a date column and one column per asset) and compares the pool with holding the starting",
                "tokens and with a portfolio rebalanced to the weights every --rebalance-every rows."})
public final class IlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, split = ",", paramLabel = "W",
            description = "Pool weights as fractions summing to 1, e.g. 0.8,0.2.")
    List<BigDecimal> weights;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--ratios", split = ",", paramLabel = "R",
                description = "Price ratios new/old, one per weight, e.g. 1,4 (asset 2 quadrupled).")
        List<BigDecimal> ratios;

        @Option(names = "--prices", paramLabel = "FILE", description = "Price history CSV to replay.")
        Path prices;
    }

    @Option(names = "--assets", split = ",", paramLabel = "NAME",
            description = "CSV columns to use, in weight order (default: the first columns, one per weight).")
    List<String> assets;

    @Option(names = "--rebalance-every", defaultValue = "20", paramLabel = "N",
            description = "Rows between rebalances of the comparison portfolio (default ${DEFAULT-VALUE}).")
    int rebalanceEvery;

    @Override
    public Integer call() {
        List<BigDecimal> w;
        try {
            w = ImpermanentLoss.checkWeights(weights);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--" + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (source.ratios != null) closedForm(out, w, source.ratios);
        else replay(out, w);
        out.flush();
        return 0;
    }

    private static void closedForm(PrintWriter out, List<BigDecimal> w, List<BigDecimal> ratios) {
        if (ratios.size() != w.size()) {
            throw new UserInputException("--ratios: " + ratios.size() + " ratios for " + w.size() + " weights");
        }
        for (BigDecimal r : ratios) {
            if (r.signum() <= 0) throw new UserInputException("--ratios: " + r.toPlainString() + " must be > 0");
        }
        out.println("pool value / start  " + plain(ImpermanentLoss.poolGrowth(w, ratios)));
        out.println("hold value / start  " + plain(ImpermanentLoss.holdGrowth(w, ratios)));
        out.println("impermanent loss    " + percent(ImpermanentLoss.loss(w, ratios)));
    }

    private void replay(PrintWriter out, List<BigDecimal> w) {
        if (rebalanceEvery < 1) throw new UserInputException("--rebalance-every: " + rebalanceEvery + " must be >= 1");
        PriceSeries series;
        try {
            series = new PriceCsvReader().read(source.prices).series();
        } catch (PriceDataException e) {
            throw new UserInputException("--prices: " + e.getMessage(), e);
        }
        List<Integer> columns = columns(series, w.size());
        IlReplay.Result r;
        try {
            r = IlReplay.run(series, columns, w, rebalanceEvery);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--prices: " + e.getMessage(), e);
        }
        List<String> names = columns.stream().map(series.assets()::get).toList();
        out.println("assets              " + names + " weights " + w.stream().map(BigDecimal::toPlainString).toList());
        out.println("rows                " + r.rows() + " (" + time(r.startTime()) + " .. "
                + time(r.endTime()) + ")");
        out.println("pool value / start  " + plain(r.pool()));
        out.println("hold value / start  " + plain(r.hold()));
        out.println("rebalanced / start  " + plain(r.rebalanced()) + " (every " + rebalanceEvery + " rows)");
        out.println("impermanent loss    " + percent(r.finalLoss()) + " (pool vs hold at the end)");
        out.println("deepest loss        " + percent(r.worstLoss()) + " on " + time(r.worstTime()));
        out.println("pool vs rebalanced  " + percent(r.pool().divide(r.rebalanced(), DecimalMath.MC)
                .subtract(BigDecimal.ONE)));
    }

    private List<Integer> columns(PriceSeries series, int count) {
        List<Integer> columns = new ArrayList<>();
        if (assets == null) {
            if (series.assetCount() < count) {
                throw new UserInputException("--prices: " + series.assetCount() + " asset columns "
                        + series.assets() + " for " + count + " weights");
            }
            for (int i = 0; i < count; i++) columns.add(i);
            return columns;
        }
        if (assets.size() != count) {
            throw new UserInputException("--assets: " + assets.size() + " names for " + count + " weights");
        }
        for (String name : assets) {
            int i = series.assets().indexOf(name);
            if (i < 0) throw new UserInputException("--assets: no column '" + name + "' in " + series.assets());
            columns.add(i);
        }
        return columns;
    }

    private static String time(long epochSeconds) {
        Instant instant = Instant.ofEpochSecond(epochSeconds);
        return epochSeconds % 86_400 == 0 ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                : instant.toString();
    }

    static String plain(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(4, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
