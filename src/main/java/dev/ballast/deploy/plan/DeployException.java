package dev.ballast.deploy.plan;

/** A deployment step failed on chain (revert, rejection, missing code) or the recorded state cannot be trusted. */
public final class DeployException extends RuntimeException {
    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
