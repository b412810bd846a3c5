/**
 * The rebalancing decision, pure: no chain access, no I/O, no logging. The keeper feeds it snapshots read from
 * chain, the backtester feeds it simulated ones, and both get the same {@link dev.ballast.policy.Decision}.
 *
 * <h2>Numbers</h2>
 * All arithmetic is exact integer arithmetic; no {@code double} touches an amount.
 * <ul>
 *   <li>Weights, bands and other fractions are 18-decimal fixed point ({@code 1e18 = 100%}), as on chain, held in a
 *       {@code long} (1e18 fits).</li>
 *   <li>Values are {@link dev.ballast.policy.ValueUnits}: longs of {@code 1e-8} numeraire. The keeper's adapter
 *       {@link dev.ballast.policy.Asset#onChain} turns a raw balance and an 18-decimal price into value, rounding
 *       down; the backtester builds {@link dev.ballast.policy.Asset#valued} assets directly. Longs keep the
 *       backtester's daily loop free of allocation-heavy {@code BigInteger} work; raw token amounts are
 *       {@code BigInteger} only at the edge, when a leg is turned into a swap.</li>
 *   <li>Products wider than 64 bits go through {@link dev.ballast.policy.FixedPoint}'s 128-bit {@code mulDiv},
 *       which rounds in the direction its name says and throws rather than wrap.</li>
 * </ul>
 * Rounding: weights and target values round down; a leg's sold amount rounds down (never sells more value than
 * planned, never more than the balance); the minimum received rounds down from {@code value × (1 − maxSlippage)};
 * gas cost rounds up and benefit rounds down, so the gas check errs towards skipping.
 *
 * <h2>Decision</h2>
 * {@link dev.ballast.policy.RebalancePolicy#decide} checks, in order: empty portfolio; due by the mode
 * ({@link dev.ballast.policy.RebalanceMode}: band strictly exceeded, calendar interval elapsed, either or both);
 * cooldown; nothing to trade; minimum trade value; gas cost against benefit. The first failing check is the
 * {@link dev.ballast.policy.Verdict}.
 *
 * <h2>Plan</h2>
 * A rebalance goes all the way to the targets, not to the band edge: it costs one more gas-priced rebalance less
 * often, and the vault's band check then starts from zero drift. Sellers and buyers are matched greedily, largest
 * gap first ({@code LegPlanner}); legs under the minimum trade value are dropped; the rest are packed into vault
 * calls of at most {@code maxTradeFraction × NAV} each (the vault's per-call cap), splitting a leg across calls
 * where needed. The trigger semantics mirror the vault's {@code Drift.sol}: band strictly exceeded, calendar when
 * {@code now >= last + interval}, cooldown only after a first rebalance.
 *
 * <h2>Benefit model</h2>
 * Drift is valued by what it would take to remove it: the <em>misplaced value</em>, the sum over overweight assets of
 * {@code value − target × NAV}, i.e. the value a perfect rebalance must move. The owner sets
 * {@code correctionBenefit}, the fraction of each moved unit they would pay to have it back on target (their price
 * for tracking error, e.g. 1%). A plan's benefit is {@code correctionBenefit × (misplaced before − misplaced after)};
 * the plan is skipped when its gas cost (gas units × gas price × native price) exceeds that. The model is linear and
 * simple to reason about: a rebalance happens only if it moves at least {@code gas cost / correctionBenefit} of value.
 */
package dev.ballast.policy;
