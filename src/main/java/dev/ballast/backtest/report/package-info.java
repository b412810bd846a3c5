/**
 * Backtest reports. {@link dev.ballast.backtest.report.ReportData} (built by hand or from engine results with
 * {@link dev.ballast.backtest.report.EngineReports}) is written as aligned terminal tables
 * ({@link dev.ballast.backtest.report.TerminalReport}), CSV files ({@link dev.ballast.backtest.report.CsvReportWriter}),
 * one JSON document ({@link dev.ballast.backtest.report.JsonReportWriter}) and a self-contained HTML page
 * ({@link dev.ballast.backtest.report.HtmlReportWriter}) whose charts uPlot draws in the browser from data in the page
 * (library and script inlined, nothing fetched; each chart offers a PNG download of its canvas).
 * {@link dev.ballast.backtest.report.ProgressBar} shows sweep progress on an interactive stderr only.
 */
package dev.ballast.backtest.report;
