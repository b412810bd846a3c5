package dev.ballast.backtest.data;

/**
 * A price file cannot be used as it is. The message names the line, column and value so the user can fix the file,
 * e.g. {@code prices.csv line 17: column 'DAX': 'abc' is not a number}.
 */
public final class PriceDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /** A problem on one line (1-based, the header is line 1). */
    public PriceDataException(String source, int line, String message) {
        super(source + " line " + line + ": " + message);
        this.line = line;
    }

    /** A problem with the file as a whole (empty, no data rows, unreadable). */
    public PriceDataException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.line = 0;
    }

    public PriceDataException(String source, String message) {
        this(source, message, null);
    }

    /** 1-based line the problem is on, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
