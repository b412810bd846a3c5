package dev.ballast.backtest.report;

/**
 * One strategy on the cost/risk plane: annual turnover against tracking error (both as fractions). A point is
 * dominated when another has no more turnover and no more tracking error, and less of one.
 */
public record FrontierPoint(String label, double turnover, double trackingError, boolean dominated) {
}
