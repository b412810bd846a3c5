package dev.ballast.journal;

/** The journal file cannot be opened, migrated or written. The keeper must stop: it cannot act without a journal. */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
