package dev.ballast.backtest.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings that came out the same. A sweep's wide bands never trigger, so "band 17%" … "band 20%" equal buy-and-hold
 * to the last digit; a table or chart shows such an outcome once, labelled "band 17–20% = buy-and-hold", instead of
 * four identical rows or four labels on one point.
 */
public final class Ties {
    private static final Pattern BAND = Pattern.compile("band (\\d+(?:\\.\\d+)?)%");
    private static final Pattern BAND_AFTER = Pattern.compile("band (\\d+(?:\\.\\d+)?)% after (\\w+) interval");
    /** Relative difference below which two figures count as equal (rounding residue of identical paths). */
    private static final double SAME = 1e-9;

    private Ties() {}

    /** Indices of {@code items} grouped with the first earlier item {@code same} matches, in first-seen order. */
    public static <T> List<List<Integer>> group(List<T> items, BiPredicate<T, T> same) {
        List<List<Integer>> groups = new ArrayList<>();
        next:
        for (int i = 0; i < items.size(); i++) {
            for (List<Integer> g : groups) {
                if (same.test(items.get(g.getFirst()), items.get(i))) {
                    g.add(i);
                    continue next;
                }
            }
            groups.add(new ArrayList<>(List.of(i)));
        }
        return groups;
    }

    /** Both maps have the same keys and equal figures (NaN equal to NaN). */
    public static boolean sameMeasures(Map<String, Double> a, Map<String, Double> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            if (!same(e.getValue(), b.get(e.getKey()))) return false;
        }
        return true;
    }

    public static boolean same(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
        return a == b || Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * One label for a group: plain bands become a range ("band 17–20%" when consecutive whole percents), buy-and-hold
     * goes last after "=", and more than three other names are cut to two and a count (the full list is in the hover).
     */
    public static String label(List<String> names) {
        if (names.size() == 1) return names.getFirst();
        List<String> parts = new ArrayList<>();
        List<BigDecimal> bands = new ArrayList<>();
        List<String> others = new ArrayList<>();
        LinkedHashSet<BigDecimal> afterBands = new LinkedHashSet<>();
        LinkedHashSet<String> afterPeriods = new LinkedHashSet<>();
        List<String> after = new ArrayList<>();
        boolean holds = false;
        for (String n : names) {
            Matcher m = BAND.matcher(n);
            Matcher a = BAND_AFTER.matcher(n);
            if (m.matches()) bands.add(new BigDecimal(m.group(1)));
            else if (a.matches()) {
                afterBands.add(new BigDecimal(a.group(1)));
                afterPeriods.add(a.group(2));
                after.add(n);
            } else if (n.equals("buy-and-hold")) holds = true;
            else others.add(n);
        }
        if (!bands.isEmpty()) parts.add(bandRange(bands));
        // a full grid of bands x intervals reads as one phrase: "band 3% after daily/weekly/monthly interval"
        if (afterBands.size() * afterPeriods.size() == after.size() && !after.isEmpty()) {
            parts.add(bandRange(new ArrayList<>(afterBands)) + " after " + String.join("/", afterPeriods) + " interval");
        } else {
            others.addAll(0, after);
        }
        if (others.size() <= 3) parts.addAll(others);
        else parts.add(others.get(0) + ", " + others.get(1) + " and " + (others.size() - 2) + " more");
        if (holds) parts.add("buy-and-hold");
        return String.join(" = ", parts);
    }

    private static String bandRange(List<BigDecimal> bands) {
        List<BigDecimal> sorted = bands.stream().sorted().toList();
        if (sorted.size() == 1) return "band " + sorted.getFirst().toPlainString() + "%";
        boolean consecutive = true;
        for (int i = 1; i < sorted.size(); i++) {
            consecutive &= sorted.get(i).subtract(sorted.get(i - 1)).compareTo(BigDecimal.ONE) == 0;
        }
        if (consecutive) {
            return "band " + sorted.getFirst().toPlainString() + "–" + sorted.getLast().toPlainString() + "%";
        }
        return "bands " + String.join(", ", sorted.stream().map(b -> b.toPlainString() + "%").toList());
    }
}
