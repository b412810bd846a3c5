package dev.ballast.anvil;

/** Anvil could not be found, started or reached. */
public class AnvilException extends RuntimeException {
    public AnvilException(String message) {
        super(message);
    }

    public AnvilException(String message, Throwable cause) {
        super(message, cause);
    }
}
