package dev.ballast.cli;

import dev.ballast.backtest.tax.HarvestRules;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxSettings;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code backtest}'s tax options: lots, harvesting, tax-aware deferral, the comparison of all four, the rules. */
final class BacktestTaxOptions {
    @Option(names = "--tax-lots", paramLabel = "METHOD",
            description = "Tax lots: fifo, lifo, hifo, min_tax (default: no tax; fifo when another tax option is given).")
    String taxLots;

    @Option(names = "--tax-harvest", description = "Tax-loss harvesting during rebalances: loss lots sold first, into "
            + "--substitute assets; buys that would wash a loss go to the substitute or are left out.")
    boolean taxHarvest;

    @Option(names = "--harvest-min-loss", defaultValue = "5%", paramLabel = "FRACTION",
            description = "Harvest a lot when its loss is at least this fraction of its basis (default ${DEFAULT-VALUE}).")
    String harvestMinLoss;

    @Option(names = "--substitute", paramLabel = "ASSET=SUBSTITUTE",
            description = "Column held in ASSET's place during a wash-sale window (target weight 0; repeatable).")
    Map<String, String> substitutes;

    @Option(names = "--tax-aware", description = "Sell least-tax lots first (min_tax) and defer a rebalance whose tax "
            + "cost exceeds its benefit net of gas (benefit = --correction-benefit x misplaced value corrected).")
    boolean taxAware;

    @Option(names = "--tax-compare", description = "Run each rebalancing strategy under every tax setting: lots only, "
            + "+ harvest, + tax-aware, + both (harvest variants use --substitute).")
    boolean taxCompare;

    @Option(names = "--tax-rates", defaultValue = "0.37,0.20", split = ",", paramLabel = "ST,LT",
            description = "Short- and long-term rates (default ${DEFAULT-VALUE}).")
    List<Double> taxRates;

    @Option(names = "--long-term-days", defaultValue = "365", description = "Holding days for long-term (default ${DEFAULT-VALUE}).")
    int longTermDays;

    @Option(names = {"--wash-days", "--wash-sale-days"}, defaultValue = "30",
            description = "Wash-sale window in days, 0 for none (default ${DEFAULT-VALUE}).")
    int washDays;

    /** The tax options, or null when none is given. */
    TaxSettings settings() {
        boolean any = taxLots != null || taxHarvest || taxAware || taxCompare || substitutes != null;
        if (!any) return null;
        LotSelection sel;
        try {
            sel = LotSelection.valueOf((taxLots == null ? "fifo" : taxLots).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--tax-lots " + taxLots + ": expected fifo, lifo, hifo or min_tax");
        }
        if (substitutes != null && !taxHarvest && !taxCompare) {
            throw new UserInputException("--substitute: only used with --tax-harvest or --tax-compare");
        }
        try {
            if (taxRates.size() != 2) throw new IllegalArgumentException("expected ST,LT");
            TaxSettings s = TaxSettings.lotsOnly(sel, new TaxRules(longTermDays, washDays),
                    new TaxRates(taxRates.get(0), taxRates.get(1)));
            return s.withHarvest(taxHarvest ? harvestRules() : null).withTaxAware(taxAware);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--tax-rates/--long-term-days/--wash-days: " + e.getMessage(), e);
        }
    }

    /** The run's tax setting alone, or with --tax-compare lots only, + harvest, + tax-aware and + both. */
    List<TaxSettings> variants(TaxSettings configured) {
        if (!taxCompare) return Collections.singletonList(configured);
        TaxSettings lots = configured.withTaxAware(false).withHarvest(null);
        HarvestRules harvest = harvestRules();
        return List.of(lots, lots.withHarvest(harvest), lots.withTaxAware(true), lots.withHarvest(harvest).withTaxAware(true));
    }

    /** Substitute columns by asset (empty when none), whose targets are 0. */
    Map<String, String> substitutes() {
        return substitutes == null ? Map.of() : substitutes;
    }

    private HarvestRules harvestRules() {
        double minLoss = FractionOption.parse("--harvest-min-loss", harvestMinLoss).doubleValue();
        if (!(minLoss < 1)) throw new UserInputException("--harvest-min-loss " + harvestMinLoss + ": must be below 100%");
        try {
            return new HarvestRules(minLoss, 0, substitutes(), false);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--substitute: " + e.getMessage(), e);
        }
    }

    /** The report's "tax" line. */
    String describe(TaxSettings t) {
        String harvest = !t.harvesting() && !taxCompare ? ""
                : ", harvest lots down >= " + harvestMinLoss + " into " + (substitutes().isEmpty()
                        ? "no substitutes (loss lots sold first, washing buys left out)" : substitutes);
        return (taxCompare ? "compared: lots, + harvest, + tax-aware, + both" : t.label()) + "; rates ST "
                + t.rates().shortTerm() + " LT " + t.rates().longTerm() + ", long term after " + longTermDays
                + " days, wash window " + washDays + " days" + harvest
                + (t.taxAware() || taxCompare ? "; tax-aware defers when tax cost > benefit − gas" : "");
    }
}
