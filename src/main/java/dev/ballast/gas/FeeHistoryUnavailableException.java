package dev.ballast.gas;

/** The node could not tell us recent fees; the keeper skips this round rather than guess. */
public class FeeHistoryUnavailableException extends RuntimeException {
    public FeeHistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
