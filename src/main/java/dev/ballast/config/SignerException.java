package dev.ballast.config;

/** The signing key could not be loaded. Messages name variables and files, never a key or password. */
public class SignerException extends RuntimeException {

    /** What the operator has to fix. */
    public enum Reason { MISSING_ENV, INVALID_KEY, KEYSTORE_NOT_FOUND, KEYSTORE_UNREADABLE, WRONG_PASSWORD }

    private final Reason reason;

    public SignerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
