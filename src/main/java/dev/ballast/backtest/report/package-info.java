/**
 * Backtest reports. {@link dev.ballast.backtest.report.ReportData} (built by hand or from engine results with
 * {@link dev.ballast.backtest.report.EngineReports}) is written as aligned terminal tables
 * ({@link dev.ballast.backtest.report.TerminalReport}), CSV files ({@link dev.ballast.backtest.report.CsvReportWriter}),
 * one JSON document ({@link dev.ballast.backtest.report.JsonReportWriter}), a self-contained HTML page with inline SVG
 * charts and no scripts or network fetches ({@link dev.ballast.backtest.report.HtmlReportWriter}), and PNG charts
 * ({@link dev.ballast.backtest.report.chart.PngChartWriter}, headless Java 2D). The charts are drawn once against
 * {@link dev.ballast.backtest.report.chart.Canvas}, so SVG and PNG show the same thing.
 * {@link dev.ballast.backtest.report.ProgressBar} shows sweep progress on an interactive stderr only.
 */
package dev.ballast.backtest.report;
