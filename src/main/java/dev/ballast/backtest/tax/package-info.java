/**
 * Tax lots for taxable backtests.
 *
 * <p>{@link dev.ballast.backtest.tax.LotBook} keeps lots per asset and records each sale as
 * {@link dev.ballast.backtest.tax.Disposal}s, choosing lots by {@link dev.ballast.backtest.tax.LotSelection} (FIFO,
 * LIFO, HIFO, least tax first) or by id (specific lots). Gains are short-term unless the lot was held more than
 * {@link dev.ballast.backtest.tax.TaxRules#longTermAfterDays()} (365). The wash-sale rule is applied both ways: a
 * loss sale with a purchase of the same asset within {@code washSaleDays} (30) before or after has that part of the
 * loss disallowed and moved into the replacement lot's basis and holding period.
 *
 * <p>{@link dev.ballast.backtest.tax.TaxAwareSeller} prices a rebalance's sales before they happen (marginal tax
 * given the year's realized gains) and says whether to defer it when the tax exceeds the risk benefit;
 * {@link dev.ballast.backtest.tax.TaxLossHarvester} sells lots standing at a loss, into a configured substitute
 * asset, skipping sales a recent purchase would wash. {@link dev.ballast.backtest.tax.TaxBill} and
 * {@link dev.ballast.backtest.tax.TaxYear} net short against long term and carry losses forward.
 *
 * <p>A simplified model for comparing strategies, not tax advice: no $3,000 ordinary-income offset, no
 * jurisdiction-specific rules beyond the two above.
 */
package dev.ballast.backtest.tax;
