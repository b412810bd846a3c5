package dev.ballast.backtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: columns holding only numbers (or blanks) right-aligned, the others
 * left-aligned, a rule under the header. Width is measured in code points.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = len(headers.get(c));
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], len(r.get(c)));
            }
        }
        boolean[] right = new boolean[width.length];
        for (int c = 0; c < width.length; c++) {
            final int col = c;
            right[c] = !rows.isEmpty() && rows.stream().allMatch(r -> isNumeric(r.get(col)));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, right);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width, right);
        }
        return sb.toString();
    }

    /** Numbers as {@link Fmt} writes them: digits, sign, grouping, point, %, n/a; blank counts as numeric. */
    static boolean isNumeric(String cell) {
        return cell.isEmpty() || cell.equals("n/a") || cell.matches("-?[0-9][0-9,]*(\\.[0-9]+)?([eE]-?[0-9]+)?%?")
                || cell.equals("inf") || cell.equals("-inf");
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - len(cell));
            l.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : cell + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }
}
