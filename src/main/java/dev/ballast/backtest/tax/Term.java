package dev.ballast.backtest.tax;

/** Whether a gain is taxed at the short-term or the long-term rate. */
public enum Term {
    SHORT,
    LONG
}
