package dev.ballast.backtest.report.chart;

/** Colours for series (Tableau 10, distinguishable in print and by most colour-blind readers) and chart furniture. */
public final class Palette {
    static final String[] SERIES = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac"};
    static final String TEXT = "#222222";
    static final String MUTED = "#666666";
    static final String GRID = "#e3e3e3";
    static final String AXIS = "#888888";
    static final String DOMINATED = "#9a9a9a";

    private Palette() {
    }

    public static String series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }
}
