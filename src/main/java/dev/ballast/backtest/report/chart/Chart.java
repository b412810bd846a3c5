package dev.ballast.backtest.report.chart;

/** One figure of the report, drawable on any {@link Canvas}. */
public interface Chart {
    /** Short identifier, used for anchors and PNG file names (letters, digits, '-'). */
    String id();

    String title();

    /** Height in pixels at the default width, suited to the content (e.g. one row per strategy). */
    int preferredHeight();

    void draw(Canvas canvas);

    int DEFAULT_WIDTH = 900;

    /** Turns a label into an id part: lower case, runs of other characters become '-'. */
    static String slug(String s) {
        String slug = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
