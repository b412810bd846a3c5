package dev.ballast.chain;

/**
 * A lens call ran out of gas: the node is fine, the call carried too many vaults for the call's gas limit.
 * {@link VaultReader} reads the same block again in smaller calls rather than failing over to another endpoint.
 */
public final class LensOutOfGasException extends RpcRejectedException {
    public LensOutOfGasException(String message, int code, String data) {
        super(message, code, data);
    }

    @Override
    RpcRejectedException withMessage(String message) {
        return new LensOutOfGasException(message, code(), data());
    }
}
