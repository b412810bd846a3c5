package dev.ballast.backtest.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line into fields: commas separate, double quotes enclose, {@code ""} inside quotes is a quote. */
final class CsvFields {
    private CsvFields() {
    }

    /** Fields of {@code line}, each trimmed of surrounding spaces; null if a quote is never closed. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(cur.toString().strip());
        return fields;
    }
}
