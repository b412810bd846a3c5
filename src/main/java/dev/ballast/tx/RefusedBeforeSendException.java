package dev.ballast.tx;

import java.io.IOException;

/**
 * A transaction refused before it was signed: its simulation reverted, or the signer cannot pay for its gas. Nothing
 * was sent and no nonce was used; the message says why in the user's units.
 */
public final class RefusedBeforeSendException extends IOException {
    public RefusedBeforeSendException(String message) {
        super(message);
    }
}
