package dev.ballast.backtest.report;

/** The report's style sheet, inlined so the HTML file stands alone. */
final class HtmlStyle {
    private HtmlStyle() {
    }

    static final String CSS = """
            body { margin: 0; background: #f6f7f9; color: #222; font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
            main { box-sizing: border-box; max-width: 1380px; margin: 0 auto; padding: 24px 24px 40px; background: #fff; }
            h1 { font-size: 24px; margin: 0 0 12px; }
            h2 { font-size: 17px; margin: 28px 0 8px; }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; }
            dl.meta dt { color: #666; }
            dl.meta dd { margin: 0; }
            p.note { background: #fff8e1; border-left: 4px solid #f2b400; padding: 6px 10px; margin: 6px 0; }
            nav { margin: 14px 0 6px; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; }
            nav a { color: #2b5d9b; text-decoration: none; }
            section { margin-top: 18px; }
            div.chart { margin: 10px 0; min-height: 120px; }
            h2 button { margin-left: 12px; font-size: 11px; padding: 1px 8px; cursor: pointer; }
            section > select { margin: 4px 0; font-size: 13px; }
            div.hover { font-size: 12px; color: #444; min-height: 1.4em; }
            details.columns { font-size: 12px; margin: 4px 0; }
            details.columns label { display: inline-block; margin: 2px 10px 2px 0; white-space: nowrap; }
            p.hint { font-size: 12px; color: #666; margin: 4px 0; }
            table.strategies td:first-child { white-space: normal; min-width: 12em; max-width: 22em; }
            table.strategies th { min-width: 3.5em; max-width: 7em; }
            .off { display: none; }
            table { border-collapse: collapse; margin: 8px 0 4px; font-size: 13px; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #e3e3e3; text-align: left; white-space: nowrap; }
            th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f0f2f5; font-weight: 600; white-space: normal; vertical-align: bottom; }
            div.scroll { overflow-x: auto; max-width: 100%; }
            tr.dominated td { color: #888; }
            table.heatmap td, table.heatmap th { padding: 4px 6px; min-width: 4.2em; }
            table.heatmap td { color: #111; }
            table.heatmap td.none { background: #fafafa; }
            table.heatmap tbody th { background: #f0f2f5; }
            footer { margin-top: 36px; color: #888; font-size: 12px; }
            """;
}
