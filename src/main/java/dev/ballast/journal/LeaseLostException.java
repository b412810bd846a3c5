package dev.ballast.journal;

/** An intent was refused because its lease expired or passed to another keeper: the transaction must not be sent. */
public final class LeaseLostException extends JournalException {
    public LeaseLostException(String message) {
        super(message, null);
    }
}
