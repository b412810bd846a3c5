package dev.ballast.chain;

/**
 * No configured node could answer: each was down (in backoff), lagging, or failed this time. The message lists every
 * node's last error so the operator sees which URL to fix; URLs are redacted.
 */
public class RpcUnavailableException extends RuntimeException {
    public RpcUnavailableException(String message) {
        super(message);
    }
}
