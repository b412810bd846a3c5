package dev.ballast.gas;

/** What the estimator says about sending now: a quote, or wait because the base fee is above the cap. */
public sealed interface FeeDecision permits FeeQuote, AboveCap {
}
