package dev.ballast.keeper;

/** The keeper cannot start: wrong chain, a vault without code, an unreachable RPC. Names the key or address. */
public class KeeperSetupException extends RuntimeException {
    public KeeperSetupException(String message) {
        super(message);
    }

    public KeeperSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
