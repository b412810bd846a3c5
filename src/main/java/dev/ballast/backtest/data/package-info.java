/**
 * Price data for the backtester: the shared {@link dev.ballast.backtest.data.PriceSeries} value, a CSV reader,
 * the bundled real sample, and seeded synthetic generators.
 *
 * <ul>
 *   <li>{@link dev.ballast.backtest.data.PriceCsvReader}: a {@code date}/{@code timestamp} column plus one column per
 *       asset. Missing cells are forward-filled (the asset's previous price: a zero return while its market is
 *       closed), rows before every asset has a first price and rows with no price at all are dropped, more than
 *       {@code maxConsecutiveFills} fills in a row is an error (stale data). All of it, plus calendar gaps
 *       (weekdays without a row for dated files; steps longer than 1.5× the median for timestamped ones), is listed
 *       in the {@link dev.ballast.backtest.data.LoadReport}. Anything unusable fails with a
 *       {@link dev.ballast.backtest.data.PriceDataException} naming line, column and value.</li>
 *   <li>{@link dev.ballast.backtest.data.SampleData#euStockMarkets()}: real daily closes of DAX, SMI, CAC and FTSE
 *       (1991–1998, R's {@code EuStockMarkets}, GPL); see {@code src/main/resources/data/README.md} for the source,
 *       licence and how its nominal dates were derived.</li>
 *   <li>{@link dev.ballast.backtest.data.GbmGenerator} and {@link dev.ballast.backtest.data.RegimeSwitchingGenerator}:
 *       SYNTHETIC paths (correlated geometric Brownian motion; Markov bull/bear/sideways regimes), identical for
 *       identical seeds on every JDK.</li>
 * </ul>
 */
package dev.ballast.backtest.data;
