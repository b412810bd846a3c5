/**
 * Pure execution models: what each venue kind pays for an amount in (constant product, weighted, concentrated
 * liquidity, each to the on-chain integer formula), and the routing decision for one leg: the best single venue, a
 * split across venues when it beats that venue after the gas of the extra calls, and slicing over blocks when the
 * impact of trading at once is above a bound. No web3j, no I/O, no clock: the keeper and the backtester run the same
 * code.
 */
package dev.ballast.venue;
